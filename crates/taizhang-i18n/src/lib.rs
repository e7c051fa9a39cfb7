//! Every text taizhang shows a person, in Chinese and English, from one table.
//!
//! The messages live in `messages.tsv` beside this crate: one line per message, three columns
//! separated by tabs (`key`, `en`, `zh`). Placeholders are written `{name}` and filled by
//! [`Lang::fmt`] or the [`tr!`] macro; both languages of a message use the same
//! placeholders (a test checks it, and that no message lacks a translation). Keys of
//! findings and warnings are their stable codes (`series/decreasing`, `no-seq`), with a
//! `.variant` suffix where one code has several sentences.
//!
//! English messages that depend on a count have a `KEY.one` line for a count of 1; Chinese
//! has none.
//!
//! ```
//! use taizhang_i18n::{tr, Lang};
//! assert_eq!(tr!(Lang::Zh, "diff.kind.added"), "新增");
//! assert_eq!(tr!(Lang::Zh, "row.data", row = 16), "第16行");
//! assert_eq!(taizhang_i18n::trn!(Lang::En, "check.errors", 1, n = 1), "1 error");
//! ```

use std::collections::HashMap;
use std::fmt::{self, Display, Write as _};
use std::sync::OnceLock;

/// The catalogue as written, parsed once on first use.
pub const CATALOGUE: &str = include_str!("../messages.tsv");

/// A language people read taizhang's reports in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// and not empty (as POSIX reads them); `zh…` is Chinese, anything else English.
    pub fn from_env() -> Lang {
        let get = |name: &str| std::env::var(name).ok();
        Lang::from_locale_vars(get("LC_ALL"), get("LC_MESSAGES"), get("LANG"))
    }

    /// [`Lang::from_env`] over given values of `LC_ALL`, `LC_MESSAGES` and `LANG`.
    pub fn from_locale_vars(
        lc_all: Option<String>,
        lc_messages: Option<String>,
        lang: Option<String>,
    ) -> Lang {
        let locale = [lc_all, lc_messages, lang].into_iter().flatten().find(|v| !v.is_empty());
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// `en` or `zh`: the value of `--lang` and of an HTML page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The message `key`, its placeholders unfilled.
    ///
    /// A key missing from the catalogue is a bug: debug builds panic, release builds show
    /// the key itself.
    pub fn text(self, key: &str) -> &'static str {
        match catalogue().get(key) {
            Some(entry) => match self {
                Lang::En => entry.en,
                Lang::Zh => entry.zh,
            },
            None => {
                debug_assert!(false, "message {key:?} is not in messages.tsv");
                Box::leak(key.to_owned().into_boxed_str())
            }
        }
    }

    /// The message `key` when the catalogue has it (for keys built at run time, such as
    /// export headers: `export.col.` + the column).
    pub fn lookup(self, key: &str) -> Option<&'static str> {
        catalogue().get(key).map(|entry| match self {
            Lang::En => entry.en,
            Lang::Zh => entry.zh,
        })
    }

    /// The message `key` with its `{name}` placeholders filled from `args`.
    pub fn fmt(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.text(key), args)
    }

    /// Like [`Lang::fmt`], for a message about `count` things: English takes the `KEY.one`
    /// line when `count` is 1 and there is one.
    pub fn fmt_n(self, key: &str, count: usize, args: &[(&str, &dyn Display)]) -> String {
        if count == 1 && self == Lang::En {
            let one = format!("{key}.one");
            if catalogue().contains_key(one.as_str()) {
                return fill(self.text(&one), args);
            }
        }
        fill(self.text(key), args)
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            _ => Err(format!("unknown language {s:?} (zh or en)")),
        }
    }
}

impl Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `tr!(lang, "key")` is the message's text; `tr!(lang, "key", name = value, …)` fills its
/// placeholders (any `Display` value).
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:literal) => {
        $crate::Lang::text($lang, $key)
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::Lang::fmt($lang, $key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+])
    };
}

/// `trn!(lang, "key", count, name = value, …)`: [`Lang::fmt_n`].
#[macro_export]
macro_rules! trn {
    ($lang:expr, $key:literal, $count:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::Lang::fmt_n($lang, $key, $count, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}

/// A message not yet put in a language: its key and the values of its placeholders, some of
/// which may be messages themselves. Errors carry one, so that whoever prints them chooses
/// the language ([`Msg::render`]); its `Display` is the English text.
///
/// ```
/// use taizhang_i18n::{msg, Lang};
/// let m = msg!("row.data", row = 16);
/// assert_eq!(m.render(Lang::Zh), "第16行");
/// assert_eq!(m.to_string(), "row 16");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The value of a placeholder of a [`Msg`]: a text as it is, or a message rendered in the
/// language of the message that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Msg(Msg),
}

/// What a [`Msg`] placeholder may hold: anything `Display` (as its text), or a [`Msg`].
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

impl<T: Display> IntoArg for T {
    fn into_arg(self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl Msg {
    /// The message `key` without placeholders filled yet.
    pub fn new(key: &'static str) -> Msg {
        Msg { key, args: Vec::new() }
    }

    /// Fills the placeholder `name`.
    pub fn with(mut self, name: &'static str, value: impl IntoArg) -> Msg {
        self.args.push((name, value.into_arg()));
        self
    }

    /// Fills the placeholder `name` with another message.
    pub fn with_msg(mut self, name: &'static str, value: Msg) -> Msg {
        self.args.push((name, Arg::Msg(value)));
        self
    }

    /// The key in the catalogue.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in `lang`, its placeholders filled (messages among them in `lang` too).
    pub fn render(&self, lang: Lang) -> String {
        let texts: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let text = match arg {
                    Arg::Text(t) => t.clone(),
                    Arg::Msg(m) => m.render(lang),
                };
                (*name, text)
            })
            .collect();
        let args: Vec<(&str, &dyn Display)> =
            texts.iter().map(|(n, t)| (*n, t as &dyn Display)).collect();
        lang.fmt(self.key, &args)
    }
}

impl Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// An I/O error in taizhang's words where its kind is a common one (no such file, no
/// permission, a folder), else the system's text.
pub fn io_error(cause: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    match cause.kind() {
        ErrorKind::NotFound => Msg::new("io.not-found"),
        ErrorKind::PermissionDenied => Msg::new("io.permission-denied"),
        ErrorKind::IsADirectory => Msg::new("io.is-a-directory"),
        ErrorKind::ReadOnlyFilesystem => Msg::new("io.read-only"),
        ErrorKind::StorageFull => Msg::new("io.disk-full"),
        _ => Msg::new("io.other").with("cause", cause),
    }
}

/// `msg!("key", name = value, …)`: a [`Msg`] whose placeholders are filled with `Display`
/// values; `name => message` fills one with another [`Msg`].
#[macro_export]
macro_rules! msg {
    ($key:literal $(,)?) => {
        $crate::Msg::new($key)
    };
    ($key:literal, $($name:ident $op:tt $value:expr),+ $(,)?) => {
        {
            let m = $crate::Msg::new($key);
            $(let m = $crate::__msg_arg!(m, $op, $name, $value);)+
            m
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __msg_arg {
    ($m:ident, =, $name:ident, $value:expr) => {
        $m.with(stringify!($name), $value)
    };
    ($m:ident, =>, $name:ident, $value:expr) => {
        $m.with_msg(stringify!($name), $value)
    };
}

/// One line of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    /// 1-based line in `messages.tsv`.
    pub line: usize,
}

/// Every entry, in file order. Lines that are empty or start with `#` are comments; a line
/// without three columns yields an entry with the missing columns empty (the tests refuse it).
pub fn entries() -> Vec<Entry> {
    CATALOGUE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut cols = l.split('\t');
            let key = cols.next().unwrap_or("").trim();
            let en = cols.next().unwrap_or("");
            let zh = cols.next().unwrap_or("");
            Entry { key, en, zh, line: i + 1 }
        })
        .collect()
}

fn catalogue() -> &'static HashMap<&'static str, Entry> {
    static TABLE: OnceLock<HashMap<&'static str, Entry>> = OnceLock::new();
    TABLE.get_or_init(|| entries().into_iter().map(|e| (e.key, e)).collect())
}

/// The placeholder names of a message, in order of appearance.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                let _ = write!(out, "{value}");
            }
            None => {
                debug_assert!(false, "no value for {{{name}}} in {template:?}");
                out.push_str(&rest[open..open + close + 2]);
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_the_default() {
        let s = |v: &str| Some(v.to_owned());
        assert_eq!(Lang::from_locale_vars(None, None, s("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(Lang::from_locale_vars(s("en_US.UTF-8"), None, s("zh_CN.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale_vars(s(""), s("zh_TW"), s("C")), Lang::Zh);
        assert_eq!(Lang::from_locale_vars(None, None, s("C.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale_vars(None, None, None), Lang::En);
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        let name: &dyn Display = &"x";
        assert_eq!(fill("a {name} b {name}", &[("name", name)]), "a x b x");
        assert_eq!(placeholders("{a} and {b}"), ["a", "b"]);
    }
}

pub mod name;
