//! `init`: create the database (idempotent); print its path and schema version.

use super::Ctx;
use crate::cli::Format;
use crate::error::Result;
use crate::output;

pub fn run(ctx: &mut Ctx) -> Result<()> {
    let format = ctx.format("init", &[Format::Text, Format::Json])?;
    let store = ctx.store()?;
    let version = store.schema_version()?;
    let path = store.path().to_string();
    match format {
        Format::Json => output::stdout_write(&output::json(&serde_json::json!({
            "path": path,
            "schema_version": version,
        }))?),
        _ => output::stdout_write(&format!("{path}\nschema version {version}\n")),
    }
}
