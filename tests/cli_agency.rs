//! `agency list|add|alias`: the agencies and every spelling of them.

mod common;

use common::Env;

/// `agency list --format json`, parsed.
fn agencies_json(env: &Env) -> Vec<serde_json::Value> {
    let out = env.ok(&["agency", "list", "--format", "json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .expect("an array of agencies")
        .clone()
}

fn aliases_of(agencies: &[serde_json::Value], code: &str) -> Vec<String> {
    let agency = agencies
        .iter()
        .find(|a| a["code"] == code)
        .unwrap_or_else(|| panic!("{code} not listed"));
    agency["aliases"]
        .as_array()
        .unwrap_or_else(|| panic!("no aliases array: {agency}"))
        .iter()
        .map(|a| a.as_str().expect("aliases are strings").to_string())
        .collect()
}

#[test]
fn agency_list_shows_the_aliases_in_every_format() {
    let env = Env::init();
    env.ok(&["agency", "alias", "기재부", "재정부"]);
    env.ok(&["agency", "alias", "MSIT", "Science Ministry"]);

    let agencies = agencies_json(&env);
    for agency in &agencies {
        assert!(agency["aliases"].is_array(), "{agency}");
    }
    let moef = aliases_of(&agencies, "MOEF");
    assert!(moef.contains(&"재정부".to_string()), "{moef:?}");
    // The seeded short names and the normalized code and names, as stored.
    for alias in [
        "기재부",
        "경제부총리",
        "moef",
        "ministryofeconomyandfinance",
    ] {
        assert!(moef.contains(&alias.to_string()), "{alias}: {moef:?}");
    }
    let mut sorted = moef.clone();
    sorted.sort();
    assert_eq!(moef, sorted, "alphabetical");
    // Shown as stored: lower case, without the space.
    let msit = aliases_of(&agencies, "MSIT");
    assert!(msit.contains(&"scienceministry".to_string()), "{msit:?}");
    assert!(!aliases_of(&agencies, "MOHW").contains(&"재정부".to_string()));

    let csv = env.ok(&["agency", "list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["code", "name_ko", "name_en", "aliases"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), agencies.len());
    let moef_row = rows.iter().find(|r| &r[0] == "MOEF").expect("MOEF row");
    assert_eq!(moef_row[3].split("; ").collect::<Vec<_>>(), moef);

    let text = env.ok(&["agency", "list"]);
    let header = text.lines().next().unwrap();
    assert!(header.ends_with("aliases"), "{text}");
    let moef_line = text.lines().find(|l| l.starts_with("MOEF ")).unwrap();
    assert!(
        moef_line.ends_with("경제부총리, 기재부, 재정부"),
        "{moef_line}"
    );
}

#[test]
fn agency_codes_are_checked_and_an_alias_given_twice_is_added_once() {
    let env = Env::init();
    let before = env.dump();
    for code in ["bad code!", "a;b"] {
        let err = env.fails(&[
            "agency",
            "add",
            "--code",
            code,
            "--ko",
            "새부처",
            "--en",
            "x",
        ]);
        assert!(err.contains("invalid agency code"), "{code}: {err}");
        assert_eq!(env.dump(), before, "{code}");
    }
    let out = env
        .cmd()
        .args(["agency", "alias", "기재부", "재정부", "재정부", " 재정 부 "])
        .output()
        .unwrap();
    assert!(out.status.success());
    let said = String::from_utf8(out.stderr).unwrap();
    assert_eq!(said.trim_end(), "기획재정부: added 재정부");
    let moef = aliases_of(&agencies_json(&env), "MOEF");
    assert_eq!(moef.iter().filter(|a| *a == "재정부").count(), 1);
}

#[test]
fn an_empty_alias_is_refused_the_same_way_by_add_and_alias() {
    let env = Env::init();
    let add = |alias: &'static str| {
        vec![
            "agency",
            "add",
            "--code",
            "NEWA",
            "--ko",
            "새부처",
            "--en",
            "New",
            "--alias",
            alias,
        ]
    };
    for args in [
        add(""),
        add(" _ "),
        vec!["agency", "alias", "기재부", ""],
        vec!["agency", "alias", "기재부", "재정부", "  "],
    ] {
        let err = env.fails_one_line(&args);
        assert!(
            err.contains("empty alias")
                && err.contains("a spelling with at least one letter or digit"),
            "{args:?}: {err}"
        );
    }
}
