//! One module per subcommand; each has its clap `Args` and a `run` returning the exit code.

pub mod check;
pub mod diff;
pub mod export;
pub mod parse;
pub mod quantities;
pub mod read;
pub mod schema;

/// The parse options of a command from its `--table` and `--lexicon`.
pub fn parse_options(
    table: Option<usize>,
    lexicon: Option<&std::path::Path>,
) -> anyhow::Result<taizhang::ParseOptions> {
    let lexicon = lexicon.map(taizhang::read_lexicon).transpose()?;
    Ok(taizhang::ParseOptions { table, lexicon, ..Default::default() })
}
