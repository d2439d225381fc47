//! JSON out: pretty text with a final newline, rows as objects of their
//! columns, and rows pulled from a query while the JSON is written.

use std::io::Write;

use serde::{Serialize, Serializer};

use super::OUTPUT;
use crate::columns::{Column, Columns};
use crate::error::{Error, Result};

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Other(format!("cannot write JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// A row as a JSON object of its columns that CSV carries (see
/// [`crate::columns::Columns`]).
pub struct JsonRow<'a, R>(pub &'a [Column<R>], pub &'a R);

impl<R> Serialize for JsonRow<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let data = || self.0.iter().filter(|c| c.for_data());
        let mut map = s.serialize_map(Some(data().count()))?;
        for c in data() {
            map.serialize_entry(c.key, &(c.cell)(self.1))?;
        }
        map.end()
    }
}

/// Rows as a JSON array of objects; for `#[serde(serialize_with)]`.
pub fn json_rows<T: JsonSeq + ?Sized, S: Serializer>(
    rows: &T,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    rows.json_seq(s)
}

/// Rows that serialize as a JSON array of objects of their columns: held
/// in a list, or pulled from a query as the JSON is written ([`Pulled`]).
pub trait JsonSeq {
    fn json_seq<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error>;
}

impl<R: Columns> JsonSeq for [R] {
    fn json_seq<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(|r| JsonRow(R::COLUMNS, r)))
    }
}

impl<T: JsonSeq + ?Sized> JsonSeq for &T {
    fn json_seq<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        (**self).json_seq(s)
    }
}

impl<R: Columns> JsonSeq for Vec<R> {
    fn json_seq<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.as_slice().json_seq(s)
    }
}

/// Rows read one at a time while they are written as JSON: a report of
/// millions of rows holds one. The first error of the rows ends the JSON
/// and is what [`Pulled::write`] returns.
pub struct Pulled<'i, T> {
    rows: std::cell::RefCell<&'i mut dyn Iterator<Item = Result<T>>>,
    error: std::cell::RefCell<Option<Error>>,
}

impl<'i, T> Pulled<'i, T> {
    fn new(rows: &'i mut dyn Iterator<Item = Result<T>>) -> Self {
        Pulled {
            rows: std::cell::RefCell::new(rows),
            error: std::cell::RefCell::new(None),
        }
    }

    /// The error that ended the rows, if one did.
    fn error(&self) -> Option<Error> {
        self.error.borrow_mut().take()
    }

    /// Runs `write`, which writes JSON of `rows` pulled one at a time: the
    /// error that ended the rows, if one did, else `write`'s result.
    pub fn write(
        rows: &'i mut dyn Iterator<Item = Result<T>>,
        write: impl FnOnce(&Pulled<'i, T>) -> Result<()>,
    ) -> Result<()> {
        let pulled = Pulled::new(rows);
        let written = write(&pulled);
        pulled.error().map_or(written, Err)
    }
}

impl<T: Serialize> JsonSeq for Pulled<'_, T> {
    fn json_seq<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq};
        let mut seq = s.serialize_seq(None)?;
        for row in &mut **self.rows.borrow_mut() {
            match row {
                Ok(r) => seq.serialize_element(&r)?,
                Err(e) => {
                    let message = e.to_string();
                    *self.error.borrow_mut() = Some(e);
                    return Err(S::Error::custom(message));
                }
            }
        }
        seq.end()
    }
}

impl<T: Serialize> Serialize for Pulled<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.json_seq(s)
    }
}

/// A row owned, as a JSON object of its columns ([`JsonRow`]).
pub struct JsonOf<R>(pub R);

impl<R: Columns> Serialize for JsonOf<R> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        JsonRow(R::COLUMNS, &self.0).serialize(s)
    }
}

/// Pretty JSON with a final newline, written to `out` as it is made (a
/// value that pulls its rows, [`Pulled`], is never held whole); the same
/// text as [`json`].
pub fn json_to<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(_) => Error::io(OUTPUT, e.into()),
        None => Error::Other(format!("cannot write JSON: {e}")),
    })?;
    out.write_all(b"\n").map_err(|e| Error::io(OUTPUT, e))
}

/// Rows that serialize as a JSON array of objects.
pub struct JsonRows<'a, R>(pub &'a [R]);

impl<R: Columns> Serialize for JsonRows<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        json_rows(self.0, s)
    }
}
