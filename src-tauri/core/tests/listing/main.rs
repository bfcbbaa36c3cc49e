//! `listing/` (the parser, `parse_listing`) over a corpus of real-world-shaped listings
//! (`tests/listings/NN-name.txt`, each with the expected `NN-name.json`): precision and
//! recall of guest names and of (name, affiliation) pairs, title and presenter
//! accuracy. Run with `--nocapture` to see the figures and every miss:
//! `cargo test -p greenroom-core --test listing -- --nocapture`

mod corpus;
mod dev_detail;
mod shapes;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use greenroom_core::listing::{parse_listing, ListingDraft};
use serde_json::Value;

/// Floors set just under what the parser achieves on the corpus, so a change that
/// makes it worse fails here.
const NAME_PRECISION: f64 = 0.97;
const NAME_RECALL: f64 = 0.97;
const PAIR_PRECISION: f64 = 0.95;
const PAIR_RECALL: f64 = 0.95;
const TITLES: f64 = 0.95;
const PRESENTERS: f64 = 0.95;

/// The listings (`*.txt`) of a folder of the crate, in name order.
fn txt_files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn corpus() -> Vec<(PathBuf, String, Value)> {
    txt_files("tests/listings")
        .into_iter()
        .map(|txt| {
            let text = std::fs::read_to_string(&txt).unwrap();
            let json = std::fs::read_to_string(txt.with_extension("json"))
                .unwrap_or_else(|_| panic!("{} has no .json", txt.display()));
            (txt, text, serde_json::from_str(&json).unwrap())
        })
        .collect()
}

type Pair = (String, Option<String>);

fn expected_pairs(v: &Value) -> Vec<Pair> {
    v["guests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_string(),
                g["affiliation"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn parsed_pairs(d: &ListingDraft) -> Vec<Pair> {
    d.guests
        .iter()
        .map(|g| (g.name.clone(), g.affiliation.clone()))
        .collect()
}

/// How many of `got` are in `want`, each wanted item matched at most once.
fn matches<T: std::hash::Hash + Eq + Clone>(got: &[T], want: &[T]) -> usize {
    let mut left: HashMap<T, usize> = HashMap::new();
    for w in want {
        *left.entry(w.clone()).or_default() += 1;
    }
    got.iter()
        .filter(|g| match left.get_mut(*g) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// What the parser got right over some listings: guests by name and by (name,
/// affiliation), titles, first presenters.
#[derive(Default)]
struct Scores {
    files: usize,
    name_hits: usize,
    pair_hits: usize,
    parsed: usize,
    expected: usize,
    titles: usize,
    presenters: usize,
}

impl Scores {
    /// Scores the draft `d` of the listing `name` against its label `want`; what differs
    /// goes to `misses`.
    fn add(&mut self, name: &str, d: &ListingDraft, want: &Value, misses: &mut Vec<String>) {
        self.files += 1;
        let (got, exp) = (parsed_pairs(d), expected_pairs(want));
        let got_names: Vec<String> = got.iter().map(|p| p.0.clone()).collect();
        let exp_names: Vec<String> = exp.iter().map(|p| p.0.clone()).collect();
        self.name_hits += matches(&got_names, &exp_names);
        self.pair_hits += matches(&got, &exp);
        self.parsed += got.len();
        self.expected += exp.len();
        if got != exp {
            misses.push(format!("{name}: guests\n   got  {got:?}\n   want {exp:?}"));
        }
        if d.title == want["title"].as_str().unwrap() {
            self.titles += 1;
        } else {
            misses.push(format!(
                "{name}: title {:?}, want {}",
                d.title, want["title"]
            ));
        }
        let presenter = d.presenter.as_ref().map(|p| p.name.as_str());
        if presenter == want["presenter"].as_str() {
            self.presenters += 1;
        } else {
            misses.push(format!(
                "{name}: presenter {presenter:?}, want {}",
                want["presenter"]
            ));
        }
    }
}

#[derive(Default)]
struct Tally {
    scores: Scores,
    extras: usize,
    extras_ok: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn corpus_precision_and_recall() {
    let mut t = Tally::default();
    let mut misses = Vec::new();
    for (path, text, want) in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let d = parse_listing(&text);
        t.scores.add(&name, &d, &want, &mut misses);
        extras(&name, &d, &want, &mut t, &mut misses);
    }
    let sc = &t.scores;
    let figures = [
        (
            "guest names: precision",
            ratio(sc.name_hits, sc.parsed),
            NAME_PRECISION,
        ),
        (
            "guest names: recall",
            ratio(sc.name_hits, sc.expected),
            NAME_RECALL,
        ),
        (
            "(name, affiliation): precision",
            ratio(sc.pair_hits, sc.parsed),
            PAIR_PRECISION,
        ),
        (
            "(name, affiliation): recall",
            ratio(sc.pair_hits, sc.expected),
            PAIR_RECALL,
        ),
        ("titles exact", ratio(sc.titles, sc.files), TITLES),
        (
            "first presenter exact",
            ratio(sc.presenters, sc.files),
            PRESENTERS,
        ),
    ];
    println!(
        "listing corpus: {} listings, {} guests expected, {} parsed",
        sc.files, sc.expected, sc.parsed
    );
    for (what, value, _) in &figures {
        println!("  {what}: {value:.3}");
    }
    println!(
        "  other checks (framing counts, honorifics, presenters, other listings): {}/{}",
        t.extras_ok, t.extras
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    assert!(sc.files >= 30, "the corpus has {} listings", sc.files);
    for (what, value, floor) in figures {
        assert!(value >= floor, "{what} {value:.3} is under {floor}");
    }
    assert!(
        ratio(t.extras_ok, t.extras) >= 0.95,
        "{}/{}",
        t.extras_ok,
        t.extras
    );
}

/// The optional expectations a corpus file may add: framing item count, honorifics,
/// all presenters, other listings.
fn extras(name: &str, d: &ListingDraft, want: &Value, t: &mut Tally, misses: &mut Vec<String>) {
    let mut check = |ok: bool, what: String| {
        t.extras += 1;
        if ok {
            t.extras_ok += 1;
        } else {
            misses.push(format!("{name}: {what}"));
        }
    };
    if let Some(n) = want["framing"].as_u64() {
        check(
            d.framing.len() as u64 == n,
            format!("framing {:?}, want {n} items", d.framing),
        );
    }
    if let Some(list) = want["presenters"].as_array() {
        let got: Vec<&str> = d.presenters.iter().map(|p| p.name.as_str()).collect();
        let exp: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
        check(got == exp, format!("presenters {got:?}, want {exp:?}"));
    }
    if let Some(list) = want["otherListings"].as_array() {
        let exp: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
        check(
            d.other_listings == exp,
            format!("other listings {:?}, want {exp:?}", d.other_listings),
        );
    }
    for g in want["guests"].as_array().unwrap() {
        if let Some(h) = g["honorific"].as_str() {
            let got = d
                .guests
                .iter()
                .find(|p| p.name == g["name"].as_str().unwrap())
                .and_then(|p| p.honorific.as_deref());
            check(
                got == Some(h),
                format!("honorific of {} {got:?}, want {h}", g["name"]),
            );
        }
    }
}

#[test]
fn the_shared_sample_exactly() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/listings/01-inside-story-sample.txt"),
    )
    .unwrap();
    let d = parse_listing(&text);
    assert_eq!(
        d.title,
        "How to achieve a lasting ceasefire between Russia and Ukraine?"
    );
    assert_eq!(
        d.framing,
        [
            "It took three years to get officials from Ukraine and Russia in the same room.",
            "But President Vladimir Putin, who proposed the meeting, did not go to Istanbul and the talks ended in less than 90 minutes.",
            "The result: an agreement for a large-scale prisoner exchange, talks about their presidents meeting, and both sides pushing their vision of a future ceasefire.",
            "Yet, diplomacy is not narrowing the great gap between Russia and Ukraine.",
            "So, is President Putin agreeing to further talks to avoid more sanctions?",
            "And with Russia steadily advancing on the battlefield, can President Zelenskyy afford to push for peace without further compromise?",
        ]
    );
    let presenter = d.presenter.as_ref().unwrap();
    assert_eq!(
        (presenter.name.as_str(), &presenter.honorific),
        ("Dareen Abughaida", &None)
    );
    assert_eq!(d.presenters.len(), 1);
    assert_eq!(
        parsed_pairs(&d),
        [
            ("Peter Zalmayev".into(), Some("Executive director at Eurasia Democracy Initiative".into())),
            ("Pavel Felgenhauer".into(), Some("Independent defence and Russian foreign policy analyst".into())),
            ("Anatol Lieven".into(), Some("Director of the Eurasia Program at Quincy Institute for Responsible Statecraft".into())),
        ]
    );
    assert!(d.other_listings.contains(
        &"Why did the US block a resolution demanding an end to Israel's war on Gaza?".to_string()
    ));
    // Nothing from the page reached the draft.
    let all = format!("{:?}{:?}", d.framing, d.guests);
    for junk in [
        "Hashtags",
        "Try Our AI",
        "Comments",
        "Related",
        "hour ago",
        "Al Jazeera",
    ] {
        assert!(!all.contains(junk), "{junk} leaked");
    }
}
