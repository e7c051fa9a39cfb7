//! `taizhang quantities`: one JSON line per input line.
//!
//! Wire format (JSON Lines): `{"text": "<the line>", "quantities": [Quantity, …]}`, with
//! offsets relative to that line. Lines come from the arguments when given, else from
//! standard input; a line's `\n` or `\r\n` ending is not part of its text, and bytes that are
//! not UTF-8 are replaced with U+FFFD rather than stopping the stream.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use taizhang_parser::quantity::Extractor;

/// Extract quantities from lines of text.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Texts to read, one output line each. By default, lines are read from standard input.
    #[arg(value_name = "TEXT")]
    pub texts: Vec<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = Extractor::new();
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if !args.texts.is_empty() {
        for text in &args.texts {
            write_line(&mut out, &extractor, text)?;
        }
    } else {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        let mut buf = Vec::with_capacity(1 << 12);
        loop {
            buf.clear();
            if input.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            if buf.last() == Some(&b'\n') {
                buf.pop();
                if buf.last() == Some(&b'\r') {
                    buf.pop();
                }
            }
            match std::str::from_utf8(&buf) {
                Ok(line) => write_line(&mut out, &extractor, line)?,
                Err(_) => write_line(&mut out, &extractor, &String::from_utf8_lossy(&buf))?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_line(out: &mut impl Write, extractor: &Extractor, text: &str) -> anyhow::Result<()> {
    let quantities = extractor.extract(text);
    out.write_all(b"{\"text\":")?;
    serde_json::to_writer(&mut *out, text)?;
    out.write_all(b",\"quantities\":")?;
    serde_json::to_writer(&mut *out, &quantities)?;
    out.write_all(b"}\n")?;
    Ok(())
}
