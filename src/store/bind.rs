//! Dates and timestamps as the import binds them, a million rows at a time.
//!
//! SQLite stores both as text. Diesel writes a `NaiveDate` with chrono's
//! `%F` and a `NaiveDateTime` with `%F %T%.f`: a format string interpreted
//! and a `String` allocated for every value, a twentieth of an import's time.
//! [`Day`] writes the same text directly, and [`Stamp`] (the one timestamp an
//! import stamps on all its rows) is formatted once and bound by reference.
//! PostgreSQL binds both as chrono's values, as before.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::{Date, Timestamp};
use diesel::sqlite::Sqlite;
use diesel::AsExpression;

/// A date bound as `YYYY-MM-DD` ([`iso_date`](crate::model::iso_date)), the
/// text Diesel writes for a `NaiveDate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, AsExpression)]
#[diesel(sql_type = Date)]
pub(crate) struct Day(pub NaiveDate);

impl ToSql<Date, Sqlite> for Day {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(crate::model::iso_date(self.0));
        Ok(IsNull::No)
    }
}

#[cfg(feature = "postgres")]
impl ToSql<Date, diesel::pg::Pg> for Day {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, diesel::pg::Pg>) -> serialize::Result {
        ToSql::<Date, diesel::pg::Pg>::to_sql(&self.0, out)
    }
}

/// A timestamp formatted once, as Diesel formats a `NaiveDateTime` for
/// SQLite, and bound by reference for every row (a copy is a few bytes, no
/// allocation).
#[derive(Debug, Clone, Copy, AsExpression)]
#[diesel(sql_type = Timestamp)]
pub(crate) struct Stamp {
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    at: NaiveDateTime,
    text: [u8; STAMP_MAX],
    len: usize,
}

/// `-262143-01-01 00:00:00.123456789`, chrono's longest, is 32 bytes.
const STAMP_MAX: usize = 40;

impl Stamp {
    pub(crate) fn new(at: NaiveDateTime) -> Self {
        let formatted = at.format("%F %T%.f").to_string();
        let mut text = [0; STAMP_MAX];
        let len = formatted.len().min(STAMP_MAX);
        text[..len].copy_from_slice(&formatted.as_bytes()[..len]);
        Stamp { at, text, len }
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.text[..self.len]).unwrap_or_default()
    }
}

impl ToSql<Timestamp, Sqlite> for Stamp {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.text());
        Ok(IsNull::No)
    }
}

#[cfg(feature = "postgres")]
impl ToSql<Timestamp, diesel::pg::Pg> for Stamp {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, diesel::pg::Pg>) -> serialize::Result {
        ToSql::<Timestamp, diesel::pg::Pg>::to_sql(&self.at, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    use proptest::prelude::*;

    #[derive(QueryableByName)]
    struct Texts {
        #[diesel(sql_type = Text)]
        ours: String,
        #[diesel(sql_type = Text)]
        diesels: String,
    }

    /// What SQLite receives for the two values bound side by side.
    fn bound<T, U, ST>(ours: T, diesels: U) -> Texts
    where
        ST: diesel::sql_types::SqlType
            + diesel::sql_types::SingleValue
            + diesel::query_builder::QueryId,
        T: ToSql<ST, Sqlite>,
        U: ToSql<ST, Sqlite>,
        Sqlite: diesel::sql_types::HasSqlType<ST>,
    {
        let mut c = SqliteConnection::establish(":memory:").unwrap();
        diesel::sql_query("SELECT CAST(? AS TEXT) AS ours, CAST(? AS TEXT) AS diesels")
            .bind::<ST, _>(ours)
            .bind::<ST, _>(diesels)
            .get_result(&mut c)
            .unwrap()
    }

    proptest! {
        /// The same text as Diesel's own binding of chrono's values, for
        /// every date chrono can hold, and for timestamps with 0, 3, 6 and 9
        /// digits of fraction.
        #[test]
        fn days_and_stamps_are_bound_as_diesel_binds_them(
            days in -1_000_000i32..4_000_000,
            secs in 0u32..86_400,
            nanos in prop_oneof![
                Just(0u32),
                (0u32..1000).prop_map(|n| n * 1_000_000),
                (0u32..1_000_000).prop_map(|n| n * 1000),
                0u32..1_000_000_000,
            ],
        ) {
            let d = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let t = bound::<_, _, Date>(Day(d), d);
            prop_assert_eq!(t.ours, t.diesels);
            let at = d.and_hms_nano_opt(secs / 3600, secs / 60 % 60, secs % 60, nanos).unwrap();
            let t = bound::<_, _, Timestamp>(Stamp::new(at), at);
            prop_assert_eq!(t.ours, t.diesels);
        }
    }
}
