//! `agency list|add|alias`: ministries and agencies, and every spelling of them.

use super::{required, Ctx};
use crate::cli::{AgencyCommand, Format};
use crate::error::Result;
use crate::model::NewAgency;
use crate::output;

pub fn run(cmd: AgencyCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        AgencyCommand::List => {
            let format = ctx.format("agency list", &[Format::Text, Format::Json, Format::Csv])?;
            let refs = ctx.store()?.refs()?;
            if format == Format::Json {
                return output::stdout_write(&output::json(&refs.agencies)?);
            }
            let rows: Vec<Vec<String>> = refs
                .agencies
                .iter()
                .map(|a| vec![a.code.clone(), a.name_ko.clone(), a.name_en.clone()])
                .collect();
            let headers = ["code", "name_ko", "name_en"];
            match format {
                Format::Csv => output::stdout_write(&output::csv(&headers, &rows)?),
                _ => output::stdout_write(&output::table(&headers, &rows, &[])),
            }
        }
        AgencyCommand::Add {
            code,
            ko,
            en,
            alias,
        } => {
            let code = required("agency code", &code)?.to_uppercase();
            ctx.store()?.add_agency(
                &NewAgency {
                    code: &code,
                    name_ko: required("Korean name", &ko)?,
                    name_en: required("English name", &en)?,
                },
                &alias,
            )?;
            output::stdout_write(&format!("{code}\n"))
        }
        AgencyCommand::Alias { agency, aliases } => {
            let name = ctx.store()?.add_agency_aliases(&agency, &aliases)?;
            ctx.notice(&format!("{name}: added {}", aliases.join(", ")));
            Ok(())
        }
    }
}
