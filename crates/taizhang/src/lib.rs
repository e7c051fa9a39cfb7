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

use anyhow::Context;

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
    /// The reader's limits.
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
/// connectives of unit cells (`[connectives]`).
pub fn read_lexicon(path: &Path) -> anyhow::Result<taizhang_lexicon::LexiconFile> {
    taizhang_lexicon::LexiconFile::read(path).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Reads a `--role` value: `COLUMN=ROLE`, the column by 0-based index or header text, the
/// role by its JSON name (`seq`, `section`, `measure`, `goal`, `schedule`, `lead`,
/// `support`, `deadline`, `task`, `leaders`, `progress`, `remarks`, `other`).
///
/// ```
/// let r = taizhang::parse_role("督办=leaders").unwrap();
/// assert_eq!(r.role, taizhang::model::plan::ColumnRole::Leaders);
/// assert!(taizhang::parse_role("3=boss").is_err());
/// ```
pub fn parse_role(value: &str) -> Result<taizhang_parser::RoleOverride, String> {
    use taizhang_parser::{ColumnRef, RoleOverride};
    let (column, role) = value
        .rsplit_once('=')
        .ok_or_else(|| format!("`{value}`: expected COLUMN=ROLE (`5=leaders`, `督办=leaders`)"))?;
    let role: taizhang_model::plan::ColumnRole =
        serde_json::from_value(serde_json::Value::String(role.trim().to_string())).map_err(|_| {
            format!(
                "`{role}` is no column role (seq, section, measure, goal, schedule, lead, support, deadline, task, leaders, progress, remarks, other)"
            )
        })?;
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
    // cause repeated by the error chain.
    let tables = read_file(path, &options.read).map_err(|e| anyhow::anyhow!("{e}"))?;
    parser
        .parse_tables_with(&tables, options.table, &options.roles)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
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
    let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not valid JSON", path.display()))?;
    let schema = value.get("schema").and_then(serde_json::Value::as_str).unwrap_or_default();
    match schema {
        PLAN_SCHEMA => {
            let plan: Plan = serde_json::from_value(value)
                .with_context(|| format!("{}: not a Plan JSON", path.display()))?;
            let diagnostics = plan.warnings.clone();
            Ok(Parsed { value: plan, diagnostics })
        }
        TABLES_SCHEMA => {
            let tables: Tables = serde_json::from_value(value)
                .with_context(|| format!("{}: not a Tables JSON", path.display()))?;
            parser
                .parse_tables_with(&tables, options.table, &options.roles)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
        }
        other => anyhow::bail!(
            "{}: JSON with schema `{other}` is not a plan (expected `{PLAN_SCHEMA}` or `{TABLES_SCHEMA}`)",
            path.display()
        ),
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
        taizhang_emit::output::refuse_input(out, [path]).map_err(anyhow::Error::msg)?;
    }
    let parser = options.parser();
    let parsed = parse_file(&parser, path, options)?;
    let plan = &parsed.value;
    match output {
        Some(out) => {
            taizhang_emit::output::write_atomic(out, |file| {
                taizhang_emit::json::write_json(file, plan, compact)
            })
            .with_context(|| out.display().to_string())?;
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
