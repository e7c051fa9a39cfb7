//! `taizhang export`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use taizhang_emit::export::{self, Target};
use taizhang_i18n::tr;

/// Export a plan as three tables (items, milestones, quantities) for spreadsheets and SQL.
///
/// `--to csv` writes a folder of three UTF-8 CSV files (with a BOM, for Excel and WPS);
/// `--to xlsx` one workbook with three sheets; `--to sqlite` adds the plan to a database
/// file (tables plans, items, milestones, quantities), so many plans and years share one file.
#[derive(Debug, clap::Args)]
#[command(after_help = "csv writes a folder with items.csv, milestones.csv and quantities.csv \
(UTF-8 with a BOM, for Excel and WPS); xlsx one workbook with those three sheets; sqlite adds \
the plan to a database file (tables plans, items, milestones, quantities), replacing the same \
plan exported before, so many plans and years share one file.")]
pub struct Args {
    /// The plan file (.docx, .txt, .xlsx, or a Plan JSON written by `taizhang parse`).
    #[arg(value_name = "FILE")]
    pub path: PathBuf,
    /// The export format.
    #[arg(long, value_enum)]
    pub to: To,
    /// Where to write: a folder for csv, a file for xlsx and sqlite.
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Export table N of the document (0-based). By default, the table that looks like a plan.
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// Column headers of csv and xlsx: Chinese (`事项编号`, `工作目标`…) or the English
    /// identifiers. By default, Chinese when `--lang` is zh. SQLite keeps the identifiers.
    #[arg(long, value_enum, value_name = "LANG")]
    pub headers: Option<super::LangArg>,
    /// Add the header words of this lexicon file (TOML, see the README) to the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum To {
    Csv,
    Xlsx,
    Sqlite,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    taizhang_emit::output::refuse_input(&args.output, [args.path.as_path()])
        .map_err(anyhow::Error::msg)?;
    let options = super::parse_options(args.table, args.lexicon.as_deref())?;
    let plan = taizhang::load_plan(&options.parser(), &args.path, &options)?;
    let plan = &plan.value;
    let out = &args.output;
    let zh = match args.headers {
        Some(super::LangArg::Zh) => true,
        Some(super::LangArg::En) => false,
        None => super::lang() == taizhang_i18n::Lang::Zh,
    };
    let lang = super::lang();
    let csv_note = || tr!(lang, "export.csv-target", dir = out.display());
    let note = match args.to {
        To::Csv if zh => {
            if out.exists() && !out.is_dir() {
                anyhow::bail!("{}", tr!(lang, "export.not-a-folder", path = out.display()));
            }
            std::fs::create_dir_all(out).map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
            for table in chinese_headers(plan) {
                let path = out.join(format!("{}.csv", table.name));
                let bytes = export::csv::to_bytes(&table)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                super::write_file(&path, &bytes)?;
            }
            csv_note()
        }
        To::Xlsx if zh => {
            let bytes = export::xlsx::tables_to_bytes(&chinese_headers(plan))
                .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
            super::write_file(out, &bytes)?;
            out.display().to_string()
        }
        To::Csv => {
            export::export(plan, Target::Csv, out)?;
            csv_note()
        }
        To::Xlsx => {
            export::export(plan, Target::Xlsx, out)?;
            out.display().to_string()
        }
        To::Sqlite => {
            let appended = export::sqlite::append(plan, out)?;
            if appended.replaced {
                tr!(lang, "export.sqlite-replaced", path = out.display(), id = appended.plan_id)
            } else {
                tr!(lang, "export.sqlite-added", path = out.display(), id = appended.plan_id)
            }
        }
    };
    let line =
        tr!(lang, "export.done", file = args.path.display(), n = plan.items.len(), target = note);
    let _ = writeln!(std::io::stderr(), "{line}");
    Ok(ExitCode::SUCCESS)
}

/// The three tables with Chinese column headers from the message catalogue.
fn chinese_headers(plan: &taizhang_model::Plan) -> [export::Table; 3] {
    export::with_headers(export::tables(plan), |column| {
        taizhang_i18n::Lang::Zh.lookup(&format!("export.col.{column}"))
    })
}

#[cfg(test)]
mod tests {
    use taizhang_emit::export::{ITEM_COLUMNS, MILESTONE_COLUMNS, QUANTITY_COLUMNS};
    use taizhang_i18n::Lang;

    #[test]
    fn every_exported_column_has_a_chinese_header() {
        for column in ITEM_COLUMNS.iter().chain(MILESTONE_COLUMNS).chain(QUANTITY_COLUMNS) {
            let key = format!("export.col.{}", column.name);
            let zh =
                Lang::Zh.lookup(&key).unwrap_or_else(|| panic!("{key} is not in messages.tsv"));
            assert!(!zh.is_ascii(), "{key}: {zh}");
            assert_eq!(Lang::En.lookup(&key), Some(column.name), "English keeps the identifier");
        }
    }
}
