//! `db path|status|migrate|revert|backup`: the database itself.

use super::Ctx;
use crate::cli::{DbCommand, Format};
use crate::error::Result;
use crate::output;

pub fn run(cmd: DbCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        DbCommand::Path(_) => {
            let format = ctx.format("db path", &[Format::Text, Format::Json])?;
            let path = ctx.db_path()?;
            match format {
                Format::Json => output::stdout_write(&output::json(&serde_json::json!({
                    "path": path.display().to_string(),
                }))?),
                _ => output::stdout_write(&format!("{}\n", path.display())),
            }
        }
        DbCommand::Status(_) => {
            let format = ctx.format("db status", &[Format::Text, Format::Json])?;
            let mut store = ctx.open(false)?;
            let all = store.migration_status()?;
            match format {
                Format::Json => output::stdout_write(&output::json(&all)?),
                _ => {
                    let rows: Vec<Vec<String>> = all
                        .iter()
                        .map(|m| {
                            vec![
                                if m.applied { "applied" } else { "pending" }.to_string(),
                                m.version.clone(),
                                m.name.clone(),
                            ]
                        })
                        .collect();
                    let headers = ["state", "version", "migration"];
                    output::stdout_write(&output::table(&headers, &rows, &[]))
                }
            }
        }
        DbCommand::Migrate => {
            // Opening applies what is pending, with its own notice.
            let mut store = ctx.open(true)?;
            let version = store.schema_version()?;
            ctx.notice(&format!("{}: schema version {version}", store.path()));
            Ok(())
        }
        DbCommand::Revert => {
            let mut store = ctx.open(false)?;
            let name = store.revert_last_migration()?;
            ctx.notice(&format!(
                "reverted {name}; the next command other than `db status` or `db revert` applies it again"
            ));
            Ok(())
        }
        DbCommand::Backup { file } => {
            let store = ctx.store()?;
            store.backup(&file)?;
            let path = store.path().to_string();
            ctx.notice(&format!("backed up {path} to {}", file.display()));
            Ok(())
        }
    }
}
