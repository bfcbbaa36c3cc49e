//! The injection corpus: text a producer could paste that some renderer might run
//! instead of print (HTML and script, Markdown, Typst markup, spreadsheet formulas,
//! Unicode that reorders or joins what is shown). Defined once and used by every test
//! that checks an output (Markdown, PDF, CSV, the window), so all of them try the same
//! payloads, stored through the core in every text field.

use greenroom_core::people::profile::{GenderSource, PersonProfile};
use greenroom_core::programme::segment::{SegmentInput, SegmentKind};
use greenroom_core::{PersonId, PersonInput, Programme, ProgrammeInput, Status, Store};

pub const PAYLOADS: &[&str] = &[
    // HTML and script: the window must show these, never parse them.
    "<img src=x onerror=\"window.__pwned=1\">",
    "<script>window.__pwned=2</script>",
    "\"><svg onload=window.__pwned=3>",
    "javascript:window.__pwned=4",
    "&lt;b&gt;not bold&lt;/b&gt; &amp;",
    // Markdown: no links, images, HTML or formatting made from user text.
    "[click](javascript:alert(1))",
    "**bold**",
    "# heading",
    "| pipe |",
    "`code`",
    "<!-- -->",
    "\\",
    "![x](http://evil/x.png)",
    "<http://evil.example/>",
    // Typst: the template gets data, never markup, and has no file access.
    "#read(\"/etc/passwd\")",
    "#import \"x\"",
    "$x^2$",
    "#set page(width: 1pt)",
    "]",
    "#{ panic() }",
    "@label",
    "<label>",
    // Spreadsheet formulas (OWASP CSV injection).
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    // Unicode that reorders, joins or stacks what is shown.
    "report\u{202E}fdp.exe",
    "a\u{200D}b",
    "Z\u{0351}\u{0300}a\u{0301}\u{0316}l\u{0308}g\u{0303}o",
    "family \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "مروان بشارة",
    "中文名字 日本語",
];

/// Control characters: refused by validation with a message naming the character.
pub const CONTROLS: &[(&str, &str)] = &[
    ("a\u{0}b", "U+0000"),
    ("bell\u{7}", "U+0007"),
    ("\u{1b}[31mred", "U+001B"),
    ("del\u{7f}", "U+007F"),
    ("next\u{85}line", "U+0085"),
];

/// How the core stores a payload: surrounding whitespace trimmed, nothing else
/// changed.
pub fn stored(payload: &str) -> &str {
    payload.trim()
}

/// Whether a text cell of this payload must get a leading `'` in a CSV file.
pub fn is_formula(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// Names on one seeded programme, so its people differ from each other.
pub fn presenter_name(payload: &str) -> String {
    stored(payload).to_string()
}

pub fn guest_name(payload: &str, n: usize) -> String {
    format!("{} {n}", stored(payload))
}

/// An address the email check accepts that still carries the payload.
pub fn email(payload: &str) -> String {
    let squeezed: String = payload.split_whitespace().collect();
    format!("{squeezed}@example.org")
}

/// One programme with `payload` in every text field: series, title, both framing
/// items, notes, the presenter's and guests' names and billed affiliations, the
/// segment's title and notes, and each person's profile (honorific, affiliation,
/// expertise, languages, base city, notes, email, phone, gender).
pub struct Seeded {
    pub payload: &'static str,
    pub programme: Programme,
    pub people: Vec<PersonId>,
}

pub fn seed(store: &mut Store, payload: &'static str) -> Seeded {
    let person = |name: String| PersonInput {
        person_id: None,
        name,
        affiliation: Some(payload.to_string()),
    };
    let programme = store
        .create_programme(&ProgrammeInput {
            series: Some(payload.into()),
            title: payload.into(),
            framing: vec![payload.into(), format!("Second: {}", stored(payload))],
            presenter: Some(person(presenter_name(payload))),
            guests: vec![
                person(guest_name(payload, 2)),
                person(guest_name(payload, 3)),
            ],
            air: Some("2025-05-16T19:30".into()),
            time_zone: Some("Asia/Qatar".into()),
            slot: Some("25m".into()),
            status: Status::Aired,
            notes: payload.into(),
            segments: Some(vec![SegmentInput {
                id: None,
                kind: SegmentKind::Discussion,
                title: payload.into(),
                duration: "20m".into(),
                people: vec![presenter_name(payload), guest_name(payload, 2)],
                question: Some(1),
                notes: payload.into(),
            }]),
        })
        .unwrap_or_else(|e| panic!("programme with {payload:?}: {e}"));
    let mut people = Vec::new();
    people.extend(programme.presenter.as_ref().map(|p| p.id));
    people.extend(programme.guests.iter().map(|g| g.person_id));
    for &id in &people {
        let stored_profile = store.person_profile(id).unwrap();
        let profile = PersonProfile {
            name: stored_profile.profile.name.clone(),
            honorific: Some(payload.into()),
            affiliation: Some(payload.into()),
            expertise: vec![payload.into()],
            languages: vec![payload.into()],
            base_city: Some(payload.into()),
            base_time_zone: None,
            notes: payload.into(),
            email: Some(email(payload)),
            phone: Some(payload.into()),
            gender: Some(payload.into()),
            gender_source: Some(GenderSource::SelfIdentified),
        };
        store
            .update_person(id, stored_profile.revision, &profile)
            .unwrap_or_else(|e| panic!("profile with {payload:?}: {e}"));
    }
    let programme = store.get_programme(programme.id).unwrap();
    Seeded {
        payload,
        programme,
        people,
    }
}

/// Every payload, one programme each.
pub fn seed_all(store: &mut Store) -> Vec<Seeded> {
    PAYLOADS.iter().map(|p| seed(store, p)).collect()
}
