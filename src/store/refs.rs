//! Categories and agencies: the reference tables, loaded once per command into
//! lookups that resolve any spelling (code, Korean or English name, alias).

use std::collections::HashMap;

use diesel::prelude::*;

use super::{Db, Store};
use crate::error::{Error, InputError, Result};
use crate::model::{Agency, Category, NewAgency, NewCategory};
use crate::parse::{normalize_key, Lookup};
use crate::schema::{agencies, agency_aliases, categories};

/// The reference data of one command run.
pub struct Refs {
    pub categories: Vec<Category>,
    pub agencies: Vec<Agency>,
    pub category_lookup: Lookup,
    pub agency_lookup: Lookup,
    /// Each agency's aliases as stored (normalized), in byte order.
    agency_aliases: HashMap<i32, Vec<String>>,
}

impl Refs {
    pub fn load(conn: &mut Db) -> Result<Refs> {
        let categories: Vec<Category> = categories::table
            .select(Category::as_select())
            .order(categories::id)
            .load(conn)?;
        let agencies: Vec<Agency> = agencies::table
            .select(Agency::as_select())
            .order(agencies::id)
            .load(conn)?;
        let aliases: Vec<(String, i32)> = agency_aliases::table
            .select((agency_aliases::alias, agency_aliases::agency_id))
            .load(conn)?;
        let mut agency_aliases: HashMap<i32, Vec<String>> = HashMap::new();
        for (alias, id) in aliases {
            agency_aliases.entry(id).or_default().push(alias);
        }

        let mut category_lookup = Lookup::new("category");
        for c in &categories {
            category_lookup.add(&c.code, &[&c.code, &c.name_ko, &c.name_en], c.id);
        }
        let mut agency_lookup = Lookup::new("ministry");
        for a in &agencies {
            let mut keys: Vec<&str> = vec![&a.code, &a.name_ko, &a.name_en];
            keys.extend(
                agency_aliases
                    .get(&a.id)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
            agency_lookup.add(&a.name_ko, &keys, a.id);
        }
        // Sorted only now: the lookup above takes the keys in the order they
        // were stored, which decides ties between "did you mean" suggestions.
        // Byte order, the same on every backend whatever its collation.
        for list in agency_aliases.values_mut() {
            list.sort_unstable();
        }
        Ok(Refs {
            categories,
            agencies,
            category_lookup,
            agency_lookup,
            agency_aliases,
        })
    }

    /// The aliases of agency `id` as stored (lower case, no white space), in
    /// alphabetical (byte) order; they include the normalized code and names.
    pub fn agency_aliases(&self, id: i32) -> &[String] {
        self.agency_aliases.get(&id).map_or(&[], Vec::as_slice)
    }

    pub fn category(&self, id: i32) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn agency(&self, id: i32) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    /// A category id from any spelling, or the error to show.
    pub fn resolve_category(&self, s: &str) -> Result<i32> {
        Ok(self.category_lookup.resolve(s)?)
    }

    /// An agency id from any spelling, or the error to show.
    pub fn resolve_agency(&self, s: &str) -> Result<i32> {
        Ok(self.agency_lookup.resolve(s)?)
    }
}

impl Store {
    pub fn refs(&mut self) -> Result<Refs> {
        self.read(Refs::load)
    }

    /// Adds a category; its code, Korean and English names must all be new.
    pub fn add_category(&mut self, new: &NewCategory<'_>) -> Result<()> {
        self.write(|c| {
            let refs = Refs::load(c)?;
            for key in [new.code, new.name_ko, new.name_en] {
                if refs.category_lookup.get(key).is_some() {
                    return Err(Error::Exists {
                        what: "category",
                        value: key.to_string(),
                    });
                }
            }
            diesel::insert_into(categories::table)
                .values(new)
                .execute(c)?;
            Ok(())
        })
    }

    /// Adds an agency with its code and names as aliases, plus `aliases`.
    pub fn add_agency(&mut self, new: &NewAgency<'_>, aliases: &[String]) -> Result<()> {
        self.write(|c| {
            let refs = Refs::load(c)?;
            let mut keys: Vec<&str> = vec![new.code, new.name_ko, new.name_en];
            keys.extend(aliases.iter().map(String::as_str));
            let mut seen = std::collections::HashSet::new();
            for key in &keys {
                seen.insert(new_alias(&refs, key)?);
            }
            let id: i32 = diesel::insert_into(agencies::table)
                .values(new)
                .returning(agencies::id)
                .get_result(c)?;
            // One statement per alias (a handful): Diesel's batch insert of
            // a Vec does not compile through the SQLite/PostgreSQL
            // MultiConnection.
            for alias in seen {
                diesel::insert_into(agency_aliases::table)
                    .values((
                        agency_aliases::alias.eq(alias),
                        agency_aliases::agency_id.eq(id),
                    ))
                    .execute(c)?;
            }
            Ok(())
        })
    }

    /// Adds aliases to an existing agency (given by any spelling); returns
    /// its Korean name and the aliases added, as given, each spelling once.
    pub fn add_agency_aliases<'a>(
        &mut self,
        agency: &str,
        aliases: &'a [String],
    ) -> Result<(String, Vec<&'a str>)> {
        self.write(|c| {
            let refs = Refs::load(c)?;
            let id = refs.resolve_agency(agency)?;
            let mut seen = std::collections::HashSet::new();
            let mut added = Vec::new();
            for key in aliases {
                let alias = new_alias(&refs, key)?;
                if !seen.insert(alias.clone()) {
                    continue;
                }
                added.push(key.as_str());
                diesel::insert_into(agency_aliases::table)
                    .values((
                        agency_aliases::alias.eq(alias),
                        agency_aliases::agency_id.eq(id),
                    ))
                    .execute(c)?;
            }
            let name = refs
                .agency(id)
                .map(|a| a.name_ko.clone())
                .unwrap_or_default();
            Ok((name, added))
        })
    }
}

/// `key` as a new alias (its loose form): refused when it is empty in that
/// form or already names an agency. One spelling, one agency.
fn new_alias(refs: &Refs, key: &str) -> Result<String> {
    if let Some(other) = refs.agency_lookup.get(key) {
        let owner = refs
            .agency(other)
            .map(|a| a.name_ko.clone())
            .unwrap_or_default();
        return Err(Error::Other(format!(
            "alias {key:?} already names {owner}; one spelling, one agency"
        )));
    }
    let alias = normalize_key(key);
    if alias.is_empty() {
        return Err(InputError::new(
            "empty alias",
            key,
            "a spelling with at least one letter or digit",
        )
        .into());
    }
    Ok(alias)
}
