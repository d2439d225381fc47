//! `import`.

use super::Ctx;
use crate::error::{Error, Result};

pub fn run(_args: crate::cli::ImportArgs, _ctx: &mut Ctx) -> Result<()> {
    Err(Error::Other("`import` is not available yet".into()))
}
