//! `category list|add`: the policy areas measures belong to.

use super::{required, Ctx};
use crate::cli::{CategoryCommand, Format};
use crate::error::Result;
use crate::model::NewCategory;
use crate::{output, parse};

pub fn run(cmd: CategoryCommand, ctx: &mut Ctx) -> Result<()> {
    match cmd {
        CategoryCommand::List(_) => {
            let format = ctx.format("category list", &[Format::Text, Format::Json, Format::Csv])?;
            let refs = ctx.store()?.refs()?;
            if format == Format::Json {
                return output::stdout_write(&output::json(&refs.categories)?);
            }
            let rows: Vec<Vec<String>> = refs
                .categories
                .iter()
                .map(|c| vec![c.code.clone(), c.name_ko.clone(), c.name_en.clone()])
                .collect();
            let headers = ["code", "name_ko", "name_en"];
            match format {
                Format::Csv => output::stdout_write(&output::csv(&headers, &rows)?),
                _ => output::stdout_write(&output::table(&headers, &rows, &[])),
            }
        }
        CategoryCommand::Add { code, ko, en, .. } => {
            let code = parse::code("category code", &code)?;
            ctx.store()?.add_category(&NewCategory {
                code: code.as_str(),
                name_ko: required("Korean name", &ko)?,
                name_en: required("English name", &en)?,
            })?;
            super::print_code(ctx, "category add", code.as_str())
        }
    }
}
