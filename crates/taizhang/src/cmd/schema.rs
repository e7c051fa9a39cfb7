//! `taizhang schema`.

use std::io::Write;
use std::process::ExitCode;

/// Print the JSON Schema of an output of taizhang.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which output: `plan` (`taizhang parse`), `tables` (`taizhang read`), `diff`
    /// (`taizhang diff --format json`) or `check` (`taizhang check --format json`).
    #[arg(value_name = "KIND")]
    pub kind: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    use taizhang_emit::schema::schema_json;
    // One arm per output; the names are the file names of `schemas/<kind>.schema.json`.
    let schema = match args.kind.as_str() {
        "plan" => schema_json::<taizhang::model::Plan>(),
        "tables" => schema_json::<taizhang::model::Tables>(),
        "diff" => schema_json::<taizhang::model::diff::PlanDiff>(),
        "check" => schema_json::<taizhang::model::check::CheckReport>(),
        other => {
            return Err(super::fail(taizhang_i18n::msg!("schema.unknown", kind = other)));
        }
    };
    std::io::stdout().lock().write_all(schema.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
