//! `add-measure`: record a measure announced at a meeting; prints its code.

use super::{given, required, text, Ctx};
use crate::cli::AddMeasureArgs;
use crate::error::{Error, Result};
use crate::parse;
use crate::store::MeasureInput;

pub fn run(args: AddMeasureArgs, ctx: &mut Ctx) -> Result<()> {
    let meeting = parse::code("meeting code", &args.meeting)?;
    let code = args
        .code
        .as_deref()
        .map(|c| parse::code("measure code", c))
        .transpose()?;
    let parent = args
        .parent
        .as_deref()
        .map(|c| parse::code("measure code", c))
        .transpose()?;
    let continues = given("--continues", &args.continues)?
        .map(|c| parse::code("measure code", c))
        .transpose()?;
    let title = required("title", &args.title)?;
    let due_date = given("--due", &args.due)?
        .map(|d| super::flag_due("--due", d))
        .transpose()?;
    let store = ctx.store()?;
    let refs = store.refs()?;
    let category_id = refs.resolve_category(&args.category)?;
    let ministry_id = given("--ministry", &args.ministry)?
        .map(|m| refs.resolve_agency(m))
        .transpose()?;
    let code = store
        .add_measure(&MeasureInput {
            meeting: meeting.as_str(),
            code: code.as_ref().map(|c| c.as_str()),
            parent: parent.as_ref().map(|c| c.as_str()),
            title,
            description: text(&args.description),
            category_id,
            lead_ministry_id: ministry_id,
            due_date,
            continues: continues.as_ref().map(|c| c.as_str()),
        })
        .map_err(|e| match e {
            Error::NoNextCode { .. } => {
                Error::Other(format!("{e}; give the new measure's code with --code"))
            }
            e => e,
        })?;
    super::print_code(ctx, "add-measure", &code.to_string())
}
