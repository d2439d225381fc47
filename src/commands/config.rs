//! What the command line and the environment say about the database: where
//! it is and how to open it. Resolved here, once, and handed to
//! `Store::open_with`; the store itself reads no flag and no environment
//! variable.

use std::path::{Path, PathBuf};

use crate::error::{Error, InputError, Result};
use crate::store::{is_server_url, OpenOptions};
use crate::words::Lang;

/// The database from `--db`, else `POLICY_TRACK_DB`, else `DATABASE_URL` when
/// that names a PostgreSQL server, else the default SQLite file. A server URL
/// travels as a `PathBuf` too.
///
/// `POLICY_TRACK_DB` set but empty (`export POLICY_TRACK_DB=`, the usual way to
/// switch it off in a shell) counts as unset; it is read here rather than by
/// clap, which would take it for an empty `--db` and refuse every command.
/// An empty `--db` itself is still refused: that one was typed.
pub fn db_path(flag: Option<&Path>) -> Result<PathBuf> {
    match flag {
        Some(p) if p.as_os_str().is_empty() => Err(Error::Other(
            "--db is empty: give a database path such as ./policy-track.db or a postgres:// URL"
                .into(),
        )),
        Some(p) => Ok(p.to_path_buf()),
        None => match std::env::var_os("POLICY_TRACK_DB") {
            Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
            _ => match std::env::var("DATABASE_URL") {
                Ok(url) if is_server_url(&url) => Ok(PathBuf::from(url)),
                _ => default_db_path(),
            },
        },
    }
}

/// `policy-track.db` in the platform data directory
/// (`~/.local/share/policy-track/` on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    let dir = dirs::data_dir().ok_or_else(|| {
        Error::Other(
            "no platform data directory is known (HOME unset?): pass --db PATH or set POLICY_TRACK_DB".into(),
        )
    })?;
    Ok(dir.join("policy-track").join("policy-track.db"))
}

/// How to open the database: apply pending migrations when `migrate`; read
/// a long report on two connections unless the hidden variable
/// `POLICY_TRACK_READ_THREADS=1` asks for one (for comparing both ways).
pub fn open_options(migrate: bool) -> OpenOptions {
    OpenOptions {
        migrate,
        split_reads: !std::env::var("POLICY_TRACK_READ_THREADS").is_ok_and(|v| v.trim() == "1"),
    }
}

/// What to do about a database that is not policy-track's.
pub const NOT_OURS_REMEDY: &str = "point --db at a policy-track database or a new path";

/// The language from `--lang`, else `POLICY_TRACK_LANG` (set but empty
/// counts as unset), else English. The variable is read here rather than by
/// clap so that a bad value in the environment is bad input (exit 1) that
/// names the variable, not a usage error.
pub fn lang(flag: Option<Lang>) -> Result<Lang> {
    if let Some(lang) = flag {
        return Ok(lang);
    }
    match std::env::var("POLICY_TRACK_LANG") {
        Ok(v) if v.trim().is_empty() => Ok(Lang::default()),
        Ok(v) => Lang::from_name(&v).ok_or_else(|| {
            InputError::new(
                "POLICY_TRACK_LANG: unknown language".to_string(),
                v.clone(),
                Lang::NAMES.join(", "),
            )
            .into()
        }),
        Err(std::env::VarError::NotPresent) => Ok(Lang::default()),
        Err(std::env::VarError::NotUnicode(v)) => Err(InputError::new(
            "POLICY_TRACK_LANG: unknown language".to_string(),
            v.to_string_lossy(),
            Lang::NAMES.join(", "),
        )
        .into()),
    }
}
