//! One module per subcommand; each has its clap `Args` and a `run` returning the exit code.

pub mod check;
pub mod diff;
pub mod export;
pub mod parse;
pub mod quantities;
pub mod read;
pub mod report;
pub mod schema;

use std::path::Path;
use std::sync::OnceLock;

pub use taizhang_i18n::Lang;

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language of everything people read: `--lang`, else the locale's.
pub fn set_lang(arg: Option<LangArg>) {
    let lang = match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let _ = LANG.set(lang);
}

/// The language of reports and messages.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_else(Lang::from_env)
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, then a rename.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    taizhang_report::write_atomic(path, bytes)
        .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))
}

/// The parse options of a command from its `--table` and `--lexicon`.
pub fn parse_options(
    table: Option<usize>,
    lexicon: Option<&std::path::Path>,
) -> anyhow::Result<taizhang::ParseOptions> {
    let lexicon = lexicon.map(taizhang::read_lexicon).transpose()?;
    Ok(taizhang::ParseOptions { table, lexicon, lang: lang(), ..Default::default() })
}
