//! `taizhang schema`.

use std::io::Write;
use std::process::ExitCode;

/// Print the JSON Schema of an output of taizhang.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which output: `plan` (`taizhang parse`) or `tables` (`taizhang read`).
    #[arg(value_name = "KIND")]
    pub kind: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    use taizhang_emit::schema::schema_json;
    // One arm per output; the names are the file names of `schemas/<kind>.schema.json`.
    let schema = match args.kind.as_str() {
        "plan" => schema_json::<taizhang::model::Plan>(),
        "tables" => schema_json::<taizhang::model::Tables>(),
        other => anyhow::bail!("unknown schema `{other}`: expected one of plan, tables"),
    };
    std::io::stdout().lock().write_all(schema.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
