//! `add-meeting`: record a meeting.

use super::{required, text, Ctx};
use crate::cli::AddMeetingArgs;
use crate::error::Result;
use crate::parse;
use crate::store::write::MeetingIn;

pub fn run(args: AddMeetingArgs, ctx: &mut Ctx) -> Result<()> {
    let code = parse::code("meeting code", &args.code)?;
    let title = required("title", &args.title)?;
    let held_on = super::flag_date("--held-on", &args.held_on)?;
    let given = |v: &Option<String>| Some(text(v).map(str::to_string));
    ctx.store()?.add_meeting(&MeetingIn {
        code: code.as_str().to_string(),
        title: Some(title.to_string()),
        held_on: Some(held_on),
        location: given(&args.location),
        chair: given(&args.chair),
        source: given(&args.source),
    })?;
    super::print_code(ctx, "add-meeting", code.as_str())
}
