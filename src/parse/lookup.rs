//! Resolving the many spellings of a category or an agency (code, Korean
//! name, English name, aliases) to one id, so that reports never split one
//! ministry in two. The caller fills a [`Lookup`] from the store; this
//! module only owns the matching rule.

use std::collections::HashMap;

use crate::error::InputError;

use super::closest;

/// How many display names an error lists before it says "...".
const LISTED: usize = 12;

/// Spellings of one kind of thing ("category", "agency") mapped to ids.
///
/// Keys match loosely: [`normalize_key`](super::normalize_key) (case, whitespace, `_`) and also
/// hyphens and the middle dots `·` `・` `･` are ignored, so `데이터개방표준화`
/// finds `데이터 개방·표준화` and `Regulation easing` finds
/// `regulation-easing`. When two entries claim the same key, the first one
/// added keeps it.
#[derive(Debug, Clone)]
pub struct Lookup {
    what: &'static str,
    /// Display names in the order added, with their ids.
    entries: Vec<(String, i32)>,
    /// Loose key → index into `entries`.
    keys: HashMap<String, usize>,
    /// Each spelling exactly as added → the entry its loose key names, so
    /// that the spellings a file repeats on every row are found without
    /// building their key.
    exact: HashMap<String, usize>,
    /// The keys in the order added, so that ties between suggestions go
    /// the same way every run.
    order: Vec<String>,
}

impl Lookup {
    pub fn new(what: &'static str) -> Self {
        Lookup {
            what,
            entries: Vec::new(),
            keys: HashMap::new(),
            exact: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// Registers `id` under `display` (shown in errors and suggestions,
    /// usually the code) and every spelling in `keys`. The display name is
    /// a spelling too. Adding the same display and id again only adds keys.
    pub fn add(&mut self, display: &str, keys: &[&str], id: i32) {
        let index = match self
            .entries
            .iter()
            .position(|(d, i)| d == display && *i == id)
        {
            Some(index) => index,
            None => {
                self.entries.push((display.to_string(), id));
                self.entries.len() - 1
            }
        };
        for spelling in std::iter::once(display).chain(keys.iter().copied()) {
            let key = loose_key(spelling);
            if key.is_empty() {
                continue;
            }
            if !self.keys.contains_key(&key) {
                self.keys.insert(key.clone(), index);
                self.order.push(key.clone());
            }
            self.exact
                .entry(spelling.to_string())
                .or_insert(self.keys[&key]);
        }
    }

    /// The id a spelling names, if any.
    pub fn get(&self, s: &str) -> Option<i32> {
        self.exact
            .get(s)
            .or_else(|| self.keys.get(&loose_key(s)))
            .map(|&index| self.entries[index].1)
    }

    /// The id a spelling names, or an error listing the display names and
    /// the nearest one when the spelling is a near miss of any key.
    pub fn resolve(&self, s: &str) -> Result<i32, InputError> {
        if let Some(id) = self.get(s) {
            return Ok(id);
        }
        let key = loose_key(s);
        if key.is_empty() {
            return Err(InputError::new(
                format!("empty {}", self.what),
                s,
                self.allowed(),
            ));
        }
        let suggestion = closest(&key, self.order.iter().map(String::as_str))
            .and_then(|hit| self.keys.get(&hit))
            .map(|&index| self.entries[index].0.clone());
        Err(
            InputError::new(format!("unknown {}", self.what), s, self.allowed())
                .suggest(suggestion),
        )
    }

    /// How many entries (display names) there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn allowed(&self) -> String {
        let mut list: Vec<&str> = self
            .entries
            .iter()
            .take(LISTED)
            .map(|(d, _)| d.as_str())
            .collect();
        if self.entries.len() > LISTED {
            list.push("...");
        }
        list.join(", ")
    }
}

/// [`normalize_key`](super::normalize_key) without hyphens and middle dots, in one pass.
fn loose_key(s: &str) -> String {
    let kept = |c: &char| !(c.is_whitespace() || matches!(c, '_' | '-' | '·' | '・' | '･'));
    if super::has_jamo(s) {
        // Decomposed Korean: composed once the separators are gone, as
        // `normalize_key` does.
        let stripped: String = s.chars().filter(kept).collect();
        return super::compose_hangul(&stripped)
            .chars()
            .flat_map(char::to_lowercase)
            .collect();
    }
    let mut key = String::with_capacity(s.len());
    for c in s.chars().filter(kept) {
        key.extend(c.to_lowercase());
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::normalize_key;
    use proptest::prelude::*;

    /// The categories seeded by migration.
    fn categories() -> Lookup {
        let mut l = Lookup::new("category");
        let seed = [
            ("regulation-easing", "규제 개선", "Regulation easing"),
            (
                "data-opening",
                "데이터 개방·표준화",
                "Data opening and standardization",
            ),
            ("compensation-system", "보상체계", "Compensation system"),
            ("rnd-collaboration", "연구협력", "R&D collaboration"),
            ("infrastructure", "인프라", "Infrastructure"),
            ("talent", "인재 양성", "Talent"),
            ("investment", "투자·금융", "Investment and finance"),
            ("international", "국제협력", "International cooperation"),
            ("other", "기타", "Other"),
        ];
        for (id, (code, ko, en)) in (1..).zip(seed) {
            l.add(code, &[ko, en], id);
        }
        l
    }

    fn agencies() -> Lookup {
        let mut l = Lookup::new("agency");
        l.add("moef", &["기획재정부", "MOEF", "기재부"], 1);
        l.add(
            "msit",
            &["과학기술정보통신부", "MSIT", "과기정통부", "과기부"],
            2,
        );
        l.add("motie", &["산업통상자원부", "MOTIE", "산업부"], 3);
        l.add("pipc", &["개인정보보호위원회", "PIPC", "개보위"], 4);
        l
    }

    #[test]
    fn resolves_code_korean_and_english_names_loosely() {
        let l = categories();
        let cases = [
            ("regulation-easing", 1),
            ("Regulation-Easing", 1),
            ("regulation easing", 1),
            ("regulation_easing", 1),
            ("규제 개선", 1),
            ("규제개선", 1),
            (" 규제  개선 ", 1),
            ("데이터 개방·표준화", 2),
            ("데이터개방표준화", 2),
            ("데이터 개방・표준화", 2),
            ("데이터 개방 표준화", 2),
            ("DATA-OPENING", 2),
            ("r&d collaboration", 4),
            ("투자금융", 7),
            ("기타", 9),
            ("OTHER", 9),
        ];
        for (input, want) in cases {
            assert_eq!(l.resolve(input), Ok(want), "{input:?}");
            assert_eq!(l.get(input), Some(want), "{input:?}");
        }
    }

    #[test]
    fn every_alias_resolves_to_one_agency() {
        let l = agencies();
        for (input, want) in [
            ("기재부", 1),
            ("moef", 1),
            ("기획 재정부", 1),
            ("과기부", 2),
            ("Msit", 2),
            ("산업부", 3),
            ("개보위", 4),
        ] {
            assert_eq!(l.resolve(input), Ok(want), "{input:?}");
        }
        assert_eq!(l.len(), 4);
        assert!(!l.is_empty());
    }

    #[test]
    fn unknown_lists_displays_and_suggests_the_display_of_the_nearest_key() {
        let l = agencies();
        let e = l.resolve("기재푸").unwrap_err();
        assert_eq!(e.why, "unknown agency");
        assert_eq!(e.value, "기재푸");
        assert_eq!(e.allowed, "moef, msit, motie, pipc");
        assert_eq!(e.suggestion.as_deref(), Some("moef"));

        let e = l.resolve("산업통상자원 부처").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("motie"));

        let e = l.resolve("국방부").unwrap_err();
        assert_eq!(e.why, "unknown agency");
        assert_eq!(e.suggestion, None);
        assert_eq!(l.get("국방부"), None);
    }

    #[test]
    fn empty_input_has_its_own_reason() {
        let l = categories();
        for input in ["", "  ", "·", "-", "_"] {
            let e = l.resolve(input).unwrap_err();
            assert_eq!(e.why, "empty category", "{input:?}");
            assert_eq!(l.get(input), None);
        }
    }

    #[test]
    fn long_lists_are_cut_after_twelve() {
        let mut l = Lookup::new("agency");
        for i in 0..20 {
            l.add(&format!("a{i}"), &[], i);
        }
        let e = l.resolve("zzz").unwrap_err();
        let shown: Vec<&str> = e.allowed.split(", ").collect();
        assert_eq!(shown.len(), 13);
        assert_eq!(shown[0], "a0");
        assert_eq!(shown[11], "a11");
        assert_eq!(shown[12], "...");

        let mut l = Lookup::new("agency");
        for i in 0..12 {
            l.add(&format!("a{i}"), &[], i);
        }
        assert!(!l.resolve("zzz").unwrap_err().allowed.contains("..."));
    }

    #[test]
    fn the_first_owner_of_a_key_keeps_it() {
        let mut l = Lookup::new("agency");
        l.add("msit", &["과기부"], 2);
        l.add("most", &["과기부", "과학기술부"], 9);
        assert_eq!(l.get("과기부"), Some(2));
        assert_eq!(l.get("과학기술부"), Some(9));
        assert_eq!(l.len(), 2);
    }

    #[test]
    fn adding_again_extends_keys_without_a_second_entry() {
        let mut l = Lookup::new("agency");
        l.add("msit", &["MSIT"], 2);
        l.add("msit", &["과기정통부"], 2);
        assert_eq!(l.len(), 1);
        assert_eq!(l.get("과기정통부"), Some(2));
        assert_eq!(l.resolve("nothing").unwrap_err().allowed, "msit");
    }

    #[test]
    fn empty_lookup_refuses_everything() {
        let l = Lookup::new("category");
        assert!(l.is_empty());
        assert_eq!(l.len(), 0);
        let e = l.resolve("talent").unwrap_err();
        assert_eq!(e.why, "unknown category");
        assert_eq!(e.allowed, "");
        assert_eq!(e.suggestion, None);
    }

    /// Two entries claiming one key: the first keeps it, also for the
    /// second's own spelling given exactly.
    #[test]
    fn a_key_claimed_twice_stays_with_the_first_entry_however_spelled() {
        let mut l = Lookup::new("agency");
        l.add("moef", &["기재부"], 1);
        l.add("other", &["기재 부", "MOEF"], 2);
        for spelling in ["기재부", "기재 부", "MOEF", "moef", "Moef"] {
            assert_eq!(l.get(spelling), Some(1), "{spelling}");
            assert_eq!(l.resolve(spelling), Ok(1), "{spelling}");
        }
        assert_eq!(l.get("other"), Some(2));
    }

    proptest! {
        /// The one-pass key is `normalize_key` without hyphens and dots
        /// (jamo that these separated composed, as `normalize_key` composes
        /// those that spaces separated).
        #[test]
        fn loose_key_is_the_normalized_key_without_hyphens_and_dots(s in "[가-힣 ·・･_a-zA-ZİẞΣ\u{3000}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{11a8}-\u{11c2}-]{0,16}|\\PC{0,16}") {
            let two_passes: String = normalize_key(&s)
                .chars()
                .filter(|c| !matches!(c, '-' | '·' | '・' | '･'))
                .collect();
            prop_assert_eq!(loose_key(&s), crate::parse::compose_hangul(&two_passes));
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let l = categories();
            let _ = l.resolve(&s);
            let _ = l.get(&s);
        }

        #[test]
        fn never_panics_on_korean_ish(s in "[가-힣 ·・_a-zA-Z-]{0,12}") {
            let l = agencies();
            let _ = l.resolve(&s);
        }

        #[test]
        fn get_and_resolve_agree(s in "[가-힣 ·a-z-]{0,10}") {
            let l = categories();
            prop_assert_eq!(l.get(&s), l.resolve(&s).ok());
        }

        #[test]
        fn suggestions_resolve(s in "[가-힣a-z ]{1,10}") {
            let l = agencies();
            if let Err(InputError { suggestion: Some(hint), .. }) = l.resolve(&s) {
                prop_assert!(l.resolve(&hint).is_ok(), "{}", hint);
            }
        }

        #[test]
        fn spaces_and_dots_anywhere_do_not_matter(at in 0usize..12, dot in prop::sample::select(vec![" ", "·", "・", "_", "\u{3000}"])) {
            let l = categories();
            let name: Vec<char> = "데이터개방표준화".chars().collect();
            let at = at % (name.len() + 1);
            let spelled: String = name[..at].iter().collect::<String>() + dot + &name[at..].iter().collect::<String>();
            prop_assert_eq!(l.resolve(&spelled), Ok(2));
        }
    }
}
