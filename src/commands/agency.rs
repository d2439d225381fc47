//! `agency list|add|alias`: ministries and agencies, and every spelling of them.

use serde::Serialize;

use super::{required, Ctx};
use crate::cli::{AgencyCommand, Format};
use crate::error::Result;
use crate::model::{Agency, NewAgency};
use crate::output;
use crate::parse::normalize_key;

/// One agency of `agency list --format json`: its row plus its aliases.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    agency: &'a Agency,
    aliases: &'a [String],
}

pub fn run(cmd: AgencyCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        AgencyCommand::List(_) => {
            let format = ctx.format("agency list", &[Format::Text, Format::Json, Format::Csv])?;
            let refs = ctx.store()?.refs()?;
            let listed = refs.agencies.iter().map(|agency| Listed {
                agency,
                aliases: refs.agency_aliases(agency.id),
            });
            let headers = ["code", "name_ko", "name_en", "aliases"];
            let row = |a: &Agency, aliases: String| {
                vec![
                    a.code.clone(),
                    a.name_ko.clone(),
                    a.name_en.clone(),
                    aliases,
                ]
            };
            match format {
                Format::Json => output::stdout_write(&output::json(&listed.collect::<Vec<_>>())?),
                Format::Csv => {
                    let rows: Vec<Vec<String>> = listed
                        .map(|l| row(l.agency, l.aliases.join("; ")))
                        .collect();
                    output::stdout_write(&output::csv(&headers, &rows)?)
                }
                _ => {
                    // For people: only the spellings the other columns do not
                    // already show, so that the table stays narrow.
                    let rows: Vec<Vec<String>> = listed
                        .map(|l| {
                            let a = l.agency;
                            let shown = [&a.code, &a.name_ko, &a.name_en].map(|s| normalize_key(s));
                            let extra: Vec<&str> = l
                                .aliases
                                .iter()
                                .filter(|alias| !shown.contains(alias))
                                .map(String::as_str)
                                .collect();
                            row(a, extra.join(", "))
                        })
                        .collect();
                    output::stdout_write(&output::table(&headers, &rows, &[]))
                }
            }
        }
        AgencyCommand::Add {
            code,
            ko,
            en,
            alias,
            ..
        } => {
            let code = crate::parse::agency_code(&code)?;
            ctx.store()?.add_agency(
                &NewAgency {
                    code: &code,
                    name_ko: required("Korean name", &ko)?,
                    name_en: required("English name", &en)?,
                },
                &alias,
            )?;
            super::print_code(ctx, "agency add", &code.to_string())
        }
        AgencyCommand::Alias { agency, aliases } => {
            let (name, added) = ctx.store()?.add_agency_aliases(&agency, &aliases)?;
            ctx.notice(&format!("{name}: added {}", added.join(", ")));
            Ok(())
        }
    }
}
