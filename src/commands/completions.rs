//! `completions SHELL`: shell completion scripts.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::Result;

pub fn run(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "policy-track", &mut buf);
    crate::output::stdout_write(&String::from_utf8_lossy(&buf))
}
