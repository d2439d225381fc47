//! `add-meeting`: record a meeting.

use chrono::Utc;

use super::{required, text, Ctx};
use crate::cli::AddMeetingArgs;
use crate::error::Result;
use crate::model::NewMeeting;
use crate::{output, parse};

pub fn run(args: AddMeetingArgs, ctx: &mut Ctx) -> Result<()> {
    let code = parse::code("meeting code", &args.code)?;
    let title = required("title", &args.title)?;
    let held_on = super::flag_date("--held-on", &args.held_on)?;
    let now = Utc::now().naive_utc();
    ctx.store()?.add_meeting(&NewMeeting {
        code: code.as_str(),
        title,
        held_on,
        location: text(&args.location),
        chair: text(&args.chair),
        source: text(&args.source),
        created_at: now,
        updated_at: now,
    })?;
    output::stdout_write(&format!("{code}\n"))
}
