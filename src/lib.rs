//! policy-track: a tracker for government strategy meetings, their measures and
//! the status reports that ministries send back.
//!
//! Data flow: CLI args → `parse` → `model` → `store` (one transaction per
//! write) → `output` renders → stdout.

pub mod cli;
pub mod columns;
pub mod commands;
pub mod error;
pub mod export;
pub mod import;
pub mod model;
pub mod output;
pub mod parse;
pub mod report;
pub mod review;
pub mod rules;
pub mod schema;
pub mod store;
pub mod words;
pub mod xlsx;

pub use error::{Error, Result};

/// Runs one command line.
pub fn run(cli: cli::Cli) -> Result<()> {
    commands::run(cli)
}
