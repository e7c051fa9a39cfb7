//! taizhang turns Chinese government annual plan tables into structured data.
//!
//! # Steps
//!
//! 1. [`taizhang_reader`] reads the tables of a .docx, .txt or .xlsx file.
//! 2. [`taizhang_parser`] structures a table into a [`taizhang_model::Plan`].
//! 3. [`taizhang_emit`] writes plans as JSON (with a JSON Schema), CSV, Excel or SQLite.
//! 4. [`taizhang_diff`] compares two plans; [`taizhang_check`] checks one.
//!
//! ```no_run
//! use std::path::Path;
//! let parser = taizhang::Parser::new();
//! let plan = taizhang::parse_file(&parser, Path::new("plan.docx"), &Default::default())?;
//! println!("{} items", plan.value.items.len());
//! # Ok::<(), anyhow::Error>(())
//! ```

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use taizhang_i18n::tr;

pub mod batch;

pub use taizhang_lexicon as lexicon;
pub use taizhang_model as model;
pub use taizhang_parser::Parser;

use taizhang_model::plan::PLAN_SCHEMA;
use taizhang_model::table::TABLES_SCHEMA;
use taizhang_model::{Parsed, Plan, Tables};

/// How to read and parse one file.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Which table to structure (0-based). By default, the one that looks like a plan table.
    pub table: Option<usize>,
    /// Column roles named by the user (`--role COLUMN=ROLE`), over the header's and the
    /// content's.
    pub roles: Vec<taizhang_parser::RoleOverride>,
    /// The reader's limits (its language is `lang`, whatever `read.lang` says).
    pub read: taizhang_reader::Options,
    /// The language of the parser's warnings (`message`; codes stay the same).
    pub lang: taizhang_i18n::Lang,
    /// Words added to the built-in lexicon (`--lexicon FILE`, read by [`read_lexicon`]).
    pub lexicon: Option<taizhang_lexicon::LexiconFile>,
}

impl ParseOptions {
    /// The parser these options call for: the built-in lexicon, with the words of the
    /// lexicon file if there is one.
    pub fn parser(&self) -> Parser {
        match &self.lexicon {
            Some(file) => Parser::with_lexicon(taizhang_lexicon::builtin().extended(file)),
            None => Parser::new(),
        }
        .in_lang(self.lang)
    }
}

/// Reads a lexicon file (`--lexicon FILE`): TOML with extra header words per column role
/// (`[headers]`), extra units (`[[units]]`, read by the quantity extractor) and extra
/// connectives of unit cells (`[connectives]`). Its errors are in `lang`.
pub fn read_lexicon(
    path: &Path,
    lang: taizhang_i18n::Lang,
) -> anyhow::Result<taizhang_lexicon::LexiconFile> {
    taizhang_lexicon::LexiconFile::read(path).map_err(|e| anyhow::anyhow!(e.render(lang)))
}

/// Reads a `--role` value: `COLUMN=ROLE`, the column by 0-based index or header text, the
/// role by its JSON name (`seq`, `section`, `measure`, `goal`, `schedule`, `lead`,
/// `support`, `deadline`, `task`, `leaders`, `progress`, `remarks`, `other`).
///
/// ```
/// let r = taizhang::parse_role("督办=leaders").unwrap();
/// assert_eq!(r.role, taizhang::model::plan::ColumnRole::Leaders);
/// let err = taizhang::parse_role("3=boss").unwrap_err();
/// assert!(err.render(taizhang_i18n::Lang::Zh).contains("不是列的用途"));
/// ```
pub fn parse_role(value: &str) -> Result<taizhang_parser::RoleOverride, taizhang_i18n::Msg> {
    use taizhang_i18n::msg;
    use taizhang_parser::{ColumnRef, RoleOverride};
    let (column, role) =
        value.rsplit_once('=').ok_or_else(|| msg!("role.expected", value = value))?;
    let role: taizhang_model::plan::ColumnRole =
        serde_json::from_value(serde_json::Value::String(role.trim().to_string()))
            .map_err(|_| msg!("role.unknown", role = role))?;
    let column = column.trim();
    let column = match column.parse::<usize>() {
        Ok(i) => ColumnRef::Index(i),
        Err(_) => ColumnRef::Header(column.to_string()),
    };
    Ok(RoleOverride { column, role })
}

/// Reads every table of a file.
pub fn read_file(
    path: &Path,
    options: &taizhang_reader::Options,
) -> Result<Tables, taizhang_reader::ReadError> {
    taizhang_reader::read_path(path, options)
}

/// Reads a file and structures its plan table.
pub fn parse_file(
    parser: &Parser,
    path: &Path,
    options: &ParseOptions,
) -> anyhow::Result<Parsed<Plan>> {
    // The reader's messages already name the file and the cause: one line, without the
    // cause repeated by the error chain, in the language of the other messages.
    let read = taizhang_reader::Options { lang: options.lang, ..options.read.clone() };
    let tables = read_file(path, &read).map_err(|e| anyhow::anyhow!(e.render(options.lang)))?;
    parser
        .parse_tables_owned(tables, options.table, &options.roles)
        .map_err(|e| at(path, e.message(), options.lang))
}

/// An error about the file at `path`, in `lang`: `PATH: message`.
fn at(path: &Path, message: taizhang_i18n::Msg, lang: taizhang_i18n::Lang) -> anyhow::Error {
    anyhow::anyhow!(tr!(lang, "in-file", file = path.display(), message = message.render(lang)))
}

/// A plan from any input `parse` reads, or from JSON taizhang wrote: a Plan JSON
/// (`taizhang parse`) as it is, a Tables JSON (`taizhang read`) through the parser.
///
/// A file is taken as JSON when its first non-blank byte is `{`; its `schema` tag says which
/// of the two it is.
pub fn load_plan(
    parser: &Parser,
    path: &Path,
    options: &ParseOptions,
) -> anyhow::Result<Parsed<Plan>> {
    if path.as_os_str() == "-" || !looks_like_json(path) {
        return parse_file(parser, path, options);
    }
    let lang = options.lang;
    let bytes = std::fs::read(path).map_err(|e| at(path, taizhang_i18n::io_error(&e), lang))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| at(path, taizhang_i18n::msg!("json.invalid", cause = e), lang))?;
    let schema = value.get("schema").and_then(serde_json::Value::as_str).unwrap_or_default();
    match schema {
        PLAN_SCHEMA => {
            let plan: Plan = serde_json::from_value(value)
                .map_err(|e| at(path, taizhang_i18n::msg!("json.not-a-plan", cause = e), lang))?;
            let diagnostics = plan.warnings.clone();
            Ok(Parsed { value: plan, diagnostics })
        }
        TABLES_SCHEMA => {
            let tables: Tables = serde_json::from_value(value)
                .map_err(|e| at(path, taizhang_i18n::msg!("json.not-tables", cause = e), lang))?;
            parser
                .parse_tables_owned(tables, options.table, &options.roles)
                .map_err(|e| at(path, e.message(), lang))
        }
        other => Err(at(
            path,
            taizhang_i18n::msg!(
                "json.other-schema",
                schema = other,
                plan = PLAN_SCHEMA,
                tables = TABLES_SCHEMA
            ),
            options.lang,
        )),
    }
}

/// Whether the file starts (after blanks and a BOM) with `{`: JSON, never a table document.
pub fn looks_like_json(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else { return false };
    let mut head = Vec::with_capacity(64);
    if file.take(64).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// `taizhang parse FILE [-o OUT]`: parses one file and writes its Plan JSON to `output` (or
/// standard output); the number of warnings goes to standard error.
pub fn parse_command(
    path: &Path,
    output: Option<&Path>,
    options: &ParseOptions,
    compact: bool,
) -> anyhow::Result<ExitCode> {
    if let Some(out) = output {
        taizhang_emit::output::refuse_input(out, [path])
            .map_err(|m| anyhow::anyhow!(m.render(options.lang)))?;
    }
    let parser = options.parser();
    let parsed = parse_file(&parser, path, options)?;
    let plan = &parsed.value;
    match output {
        Some(out) => {
            taizhang_emit::output::write_atomic(out, |file| {
                taizhang_emit::json::write_json(file, plan, compact)
            })
            .map_err(|e| at(out, taizhang_i18n::io_error(&e), options.lang))?;
        }
        None => taizhang_emit::json::write_json(std::io::stdout().lock(), plan, compact)?,
    }
    let warnings = plan.warnings.len();
    if warnings > 0 {
        let line = taizhang_i18n::trn!(
            options.lang,
            "parse.done",
            warnings,
            file = path.display(),
            items = plan.items.len(),
            warnings = warnings
        );
        let _ = writeln!(std::io::stderr(), "{line}");
    }
    Ok(ExitCode::SUCCESS)
}
