//! One module per subcommand; each has its clap `Args` and a `run` returning the exit code.

pub mod check;
pub mod diff;
pub mod export;
pub mod parse;
pub mod quantities;
pub mod read;
pub mod report;
pub mod schema;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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
    taizhang_emit::output::write_atomic(path, |out| out.write_all(bytes))
        .map_err(|e: std::io::Error| anyhow::anyhow!("{}: cannot write: {e}", path.display()))
}

/// The parse options of a command from its `--table`, `--lexicon` and `--max-cells`.
pub fn parse_options(
    table: Option<usize>,
    lexicon: Option<&std::path::Path>,
    max_cells: Option<usize>,
) -> anyhow::Result<taizhang::ParseOptions> {
    let lexicon = lexicon.map(taizhang::read_lexicon).transpose()?;
    let mut options = taizhang::ParseOptions { table, lexicon, lang: lang(), ..Default::default() };
    if let Some(limit) = max_cells {
        options.read.max_cells = limit;
    }
    Ok(options)
}

/// A progress bar on a terminal for more than one input; hidden otherwise.
pub fn progress_bar(inputs: usize) -> ProgressBar {
    if !io::stderr().is_terminal() || inputs <= 1 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(inputs as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{elapsed_precise} [{bar:40}] {pos}/{len} files {msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
