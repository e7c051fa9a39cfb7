//! The floor `bench/compare.sh` measures `taizhang parse` of a .docx against: a whole process
//! that reads the file, inflates `word/document.xml` and cuts it into XML events with
//! quick-xml, building nothing and writing nothing. What `parse` does beyond it (checking the
//! package, numbering, building the table, structuring the plan, writing JSON) is its cost.
//!
//! `cargo build --release -p taizhang --example floor`, then `floor FILE.docx`.

use std::io::{Cursor, Read};
use std::process::ExitCode;

use quick_xml::events::Event;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: floor FILE.docx");
        return ExitCode::from(2);
    };
    match events(std::path::Path::new(&path)) {
        Ok(n) => {
            println!("{n} XML events");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}

fn events(path: &std::path::Path) -> Result<usize, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")?.read_to_string(&mut xml)?;
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut n = 0;
    loop {
        match reader.read_event()? {
            Event::Eof => return Ok(n),
            _ => n += 1,
        }
    }
}
