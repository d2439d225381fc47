//! `export`.

use super::Ctx;
use crate::error::{Error, Result};

pub fn run(_args: crate::cli::ExportCommand, _ctx: &mut Ctx) -> Result<()> {
    Err(Error::Other("`export` is not available yet".into()))
}
