//! `report`.

use super::Ctx;
use crate::error::{Error, Result};

pub fn run(_args: crate::cli::ReportArgs, _ctx: &mut Ctx) -> Result<()> {
    Err(Error::Other("`report` is not available yet".into()))
}
