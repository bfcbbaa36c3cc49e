//! Property tests: whatever the input, the parser returns, quickly, a draft that is
//! sane and that saves. The case count follows `PROPTEST_CASES` (256 by default).

use proptest::prelude::*;

use super::tests::to_input;
use super::*;

/// Pieces of real listings and of the pages around them, recombined at random.
const FRAGMENTS: &[&str] = &[
    "Can the ferry talks end the strike?",
    "It took three years to get officials in the same room.",
    "So, is President Putin agreeing to further talks?",
    "Presenter: Dalia Aboud",
    "Presenters: Femi Adeyemo and Malika Sadiq",
    "Presented by Nils Robson",
    "Host:",
    "Guests:",
    "Guests",
    "With:",
    "Panel:",
    "Oskar Lindqvist – Executive director at Baltic Democracy Initiative",
    "Pavel Dronov — Independent defence analyst",
    "Tarek El-Sayed - University of Danby - New Harbour",
    "Lt. Gen. (Ret.) Mark Halvorsen, former commander",
    "BG (Ret.) Mark Kellgren (former assistant secretary)",
    "Tarık Yıldıztepe | Danby Bilim University",
    "سامر حداد – محلل سياسي",
    "Сергей Воронов: политолог",
    "OSKAR LINDQVIST – ANALYST",
    "Stefan Holm – professor of politics at the University of Danby Luca Ferrante – associate professor",
    "Samir El Fassi – journalist and host of the Tide Talk podcast",
    "Hashtags",
    "Try Our AI Features",
    "Related Articles",
    "an hour ago",
    "- Al Jazeera",
    "Published On 16 May 2025",
    "#Gaza #Ukraine",
    "Share",
    "---",
    "| Inside Story",
    " – ",
    " - ",
    "(",
    ")",
    ",",
    ":",
    "?",
    "Dr.",
    "al-",
    "",
    "\u{0}",
    "\u{200f}",
    "\r",
    "\t",
];

fn fragments() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(vec!["\n", " ", "\n\n", "", "\r\n"]);
    prop::collection::vec((prop::sample::select(FRAGMENTS), sep), 0..60).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(f, s)| [f, s])
            .collect::<String>()
    })
}

/// Every invariant a caller relies on.
fn check(d: &ListingDraft) {
    let clean = |s: &str| !s.chars().any(char::is_control);
    assert!(d.title.chars().count() <= limits::TITLE);
    assert!(clean(&d.title) && d.title.trim() == d.title);
    assert!(d.framing.len() <= MAX_FRAMING);
    for f in &d.framing {
        assert!(!f.trim().is_empty() && clean(f));
        assert!(f.chars().count() <= limits::FRAMING_ITEM);
    }
    assert!(d.guests.len() <= MAX_GUESTS);
    assert!(d.presenters.len() <= MAX_PRESENTERS);
    assert_eq!(d.presenter.as_ref(), d.presenters.first());
    for p in d.guests.iter().chain(&d.presenters) {
        assert!(!p.name.is_empty() && p.name.trim() == p.name, "{p:?}");
        assert!(
            clean(&p.name) && p.name.chars().count() <= limits::NAME,
            "{p:?}"
        );
        if let Some(a) = &p.affiliation {
            assert!(!a.is_empty() && clean(a) && a.chars().count() <= limits::AFFILIATION);
        }
        if let Some(h) = &p.honorific {
            assert!(!h.is_empty() && clean(h));
        }
    }
    assert!(d.other_listings.len() <= MAX_OTHER_LISTINGS);
    for o in &d.other_listings {
        assert!(!o.is_empty() && clean(o) && o.chars().count() <= limits::TITLE);
    }
    assert!(d.warnings.len() <= clean::MAX_WARNINGS);
    // The import builds a programme from the draft: it must pass validation.
    if let Err(e) = to_input(d).validate() {
        panic!("draft does not validate: {e}: {d:#?}");
    }
}

proptest! {
    #[test]
    fn any_text(text in any::<String>()) {
        check(&parse_listing(&text));
    }

    #[test]
    fn any_unicode_lines(lines in prop::collection::vec("\\PC{0,80}", 0..40)) {
        check(&parse_listing(&lines.join("\n")));
    }

    #[test]
    fn recombined_fragments(text in fragments()) {
        check(&parse_listing(&text));
        for part in split_listings(&text) {
            check(&parse_listing(part));
        }
    }

    #[test]
    fn long_inputs(unit in fragments(), times in 1usize..200) {
        check(&parse_listing(&unit.repeat(times)));
    }

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let (text, _) = decode(&bytes);
        check(&parse_listing(&text));
    }
}

#[test]
fn a_megabyte_of_one_line_or_many() {
    let unit = FRAGMENTS.join(" ");
    let big = unit.repeat((1 << 20) / unit.len() + 1);
    check(&parse_listing(&big));
    check(&parse_listing(&big.replace(" – ", "\n")));
    let flat = "Guests: ".to_string() + &"Anna Lind – economist at Nordea ".repeat(40_000);
    check(&parse_listing(&flat));
    // The readings of prose: appositives, sentences about a guest, glued lists.
    let appositives = "Ann Moe, a director at the Harbour Institute, explains. ".repeat(20_000);
    check(&parse_listing(&appositives));
    check(&parse_listing(&format!(
        "Ola Berg speaks to Ann Moe and Per Dahl. {}",
        "Ann Moe is a professor of ports. ".repeat(30_000)
    )));
    let glued = "Contributors: ".to_string()
        + &"Ann Moe - Fellow, Harbour InstitutePer Dahl - Editor".repeat(20_000);
    check(&parse_listing(&glued));
    check(&parse_listing(
        &"The Harbour Hour with Ola Berg. ".repeat(30_000),
    ));
    check(&parse_listing(&"\n".repeat(1 << 20)));
    check(&parse_listing(&"a".repeat(1 << 20)));
}
