//! `policy-track`: parse the command line, run it, print one error line.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = policy_track::cli::Cli::parse();
    match policy_track::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Output cut short by a closed pipe (`| head`) is not a failure.
            if let policy_track::Error::Io { source, .. } = &e {
                if source.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
