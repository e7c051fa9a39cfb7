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
use taizhang_i18n::{msg, Msg};

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

/// `--role COLUMN=ROLE`, its error in the user's language.
pub fn role(value: &str) -> Result<taizhang_parser::RoleOverride, String> {
    taizhang::parse_role(value).map_err(|m| m.render(lang()))
}

/// The value of `--lang` among the arguments, before clap reads them: clap checks values
/// (`--role`) as it reads, and its messages should already be in that language.
pub fn lang_in_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<LangArg> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--") => return None,
            Some("--lang") => args.next(),
            Some(a) => match a.strip_prefix("--lang=") {
                Some(v) => Some(v.into()),
                None => continue,
            },
            None => continue,
        };
        return match value.as_ref().and_then(|v| v.to_str()).map(str::to_ascii_lowercase) {
            Some(v) if v == "zh" => Some(LangArg::Zh),
            Some(v) if v == "en" => Some(LangArg::En),
            _ => None,
        };
    }
    None
}

/// The language of reports and messages.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_else(Lang::from_env)
}

/// An error for a person: `message` in the language of the other messages.
pub fn fail(message: Msg) -> anyhow::Error {
    anyhow::anyhow!(message.render(lang()))
}

/// An error about the file at `path`: `PATH: message`.
pub fn fail_at(path: &Path, message: Msg) -> anyhow::Error {
    fail(msg!("in-file", file = path.display(), message => message))
}

/// An I/O error on the file at `path`.
pub fn io_fail(path: &Path, cause: &io::Error) -> anyhow::Error {
    fail_at(path, taizhang_i18n::io_error(cause))
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, then a rename.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    taizhang_emit::output::write_atomic(path, |out| out.write_all(bytes)).map_err(|e: io::Error| {
        fail_at(path, msg!("output.cannot-write", cause => taizhang_i18n::io_error(&e)))
    })
}

/// The parse options of a command from its `--table`, `--lexicon` and `--max-cells`.
pub fn parse_options(
    table: Option<usize>,
    lexicon: Option<&std::path::Path>,
    max_cells: Option<usize>,
) -> anyhow::Result<taizhang::ParseOptions> {
    let lexicon = lexicon.map(|path| taizhang::read_lexicon(path, lang())).transpose()?;
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
    let template = taizhang_i18n::tr!(lang(), "progress.template");
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
