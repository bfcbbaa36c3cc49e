//! Cutting the text into pieces: one per line, and a line further cut where a label
//! ("Presenter:", "Guests:") starts inside it, as it does when a page flattened a
//! listing onto one line. Each piece is blank, junk, a label with what follows it on
//! the line, or plain text.

use std::sync::LazyLock;

use regex::Regex;

use super::classify::Fit;
use super::junk::{self, Junk};
use super::person;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Presenter,
    Guests,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    Blank,
    /// A line of `---`: the end of one listing in a file that holds several.
    Boundary,
    Junk(Junk),
    Text,
    /// A label and the text after it on the same line (may be empty).
    Label {
        role: Role,
        rest: &'a str,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Piece<'a> {
    pub text: &'a str,
    pub kind: Kind<'a>,
    /// How this piece reads as a billing line; set by `classify`.
    pub fit: Fit,
    /// Cut from the same line as the piece before it, where a label started inside
    /// the line.
    pub joined: bool,
}

const PRESENTER_WORDS: &str = r"guest[- ](?:hosts?|presenters?|moderators?|anchors?)|co-?presenters?|presenters?|co-?hosts?|hosts?|moderators?|anchors?|chairman|chairwoman|chairperson|chairs?|your hosts?|presiders?";
const PRESENTER_BY: &str = r"presented|hosted|moderated|chaired|fronted";
// Longer phrases first: the regex takes the first alternative that matches.
const GUEST_WORDS: &str = r"guests include|guests are|our guests|today's guests|tonight's guests|this week's guests|joining (?:us|me)|on the panel|in the studio|in conversation|to discuss|in this episode|guests?|panel|panell?ists?|contributors?|speakers?|featuring|with|interviewees?|interviewed guests?|participants?|witnesses|taking part|also featured|also featuring";

/// A label at the start of a piece, any case.
static LEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:(?P<p>{PRESENTER_WORDS})|(?P<pb>{PRESENTER_BY})\s+by|(?P<g>(?:(?:today|tonight|this week|this evening)['’]s\s+)?(?:{GUEST_WORDS})))\b(?:\s+(?:today|tonight|this week|this evening|this time)\b)?"
    ))
    .unwrap()
});

/// A label inside a line: capitalised (or in capitals) and followed by a colon, or
/// "Presented by" after the end of a sentence, or run into the word before it ("…
/// Journalist, BBCCredit: …") when capitalised with the colon at once; "With" after a
/// sentence when a billing follows (checked in [`split_line`]). Credit labels
/// ("Editor:", "Producer:") cut too, so the credit after a presenter's name is not part
/// of it. Lower-case words in prose ("our guests: …") do not cut a line.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\s.?!](?:(?:Presenters?|PRESENTERS?|Co-hosts?|Hosts?|HOSTS?|Moderators?|MODERATORS?|Guests?|GUESTS?|Panel|PANEL|Panell?ists|Contributors?|Speakers?|Witnesses|With|Featuring|Credits?|Editors?|Producers?|Researchers?|Sound)\s*[:：]|(?:Presented|Hosted|Moderated|Chaired) by\s)|[.?!]\s?With\s|\p{L}(?:Presenters?|Hosts?|Moderators?|Guests?|Panell?ists|Contributors?|Speakers?|Featuring|Credits?|Editors?|Producers?|Researchers?)[:：]",
    )
    .unwrap()
});

/// Guest labels without a colon that end a flattened presenter name:
/// "Presenter: Mohammed Jamjoom Guests Stephen Zunes – …".
const BARE_GUEST_WORDS: &[&str] = &[
    "Guests",
    "Guest",
    "GUESTS",
    "GUEST",
    "Panel",
    "Panelists",
    "Panellists",
    "Contributors",
];

pub(super) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            out.push(Piece {
                text: line,
                kind: Kind::Blank,
                fit: Fit::default(),
                joined: false,
            });
        } else if line.len() >= 3 && line.chars().all(|c| c == '-') {
            out.push(Piece {
                text: line,
                kind: Kind::Boundary,
                fit: Fit::default(),
                joined: false,
            });
        } else if let Some(j) = junk::classify(line) {
            out.push(Piece {
                text: line,
                kind: Kind::Junk(j),
                fit: Fit::default(),
                joined: false,
            });
        } else {
            let first = out.len();
            split_line(line, &mut out);
            for p in out.iter_mut().skip(first + 1) {
                p.joined = true;
            }
        }
    }
    out
}

fn split_line<'a>(line: &'a str, out: &mut Vec<Piece<'a>>) {
    let mut start = 0;
    // Where a segment "With A Professor of …" starts: a guest label without its colon.
    let mut with_at = None;
    let push = |seg: &'a str, with: bool, out: &mut Vec<Piece<'a>>| {
        if with {
            out.push(label(seg, Role::Guests, &seg[4..]));
        } else {
            push_segment(seg, out);
        }
    };
    // A label of several words at the start ("Interviewed Guest:") is not cut inside.
    let lead = LEADING.find(line).map_or(0, |m| m.end());
    for m in INLINE.find_iter(line) {
        if m.start() < lead {
            continue;
        }
        let at = m.start() + m.as_str().chars().next().map_or(1, char::len_utf8);
        if m.as_str().ends_with("by ") && !after_sentence(&line[..m.start()]) {
            continue;
        }
        let with = m.as_str().ends_with("With ");
        let at = if with { m.end() - 5 } else { at };
        if with && !billing_follows(&line[m.end()..]) {
            continue;
        }
        if !line[start..at].trim().is_empty() {
            push(line[start..at].trim(), with_at == Some(start), out);
            start = at;
        }
        with_at = with.then_some(at);
    }
    push(line[start..].trim(), with_at == Some(start), out);
}

/// "Richard Roe Professor of …", "Jane Doe – …": a billing starts `s`, so a "With"
/// before it heads a guest list (BBC "In Our Time" pasted as one paragraph).
fn billing_follows(s: &str) -> bool {
    if person::starts_with_name(s) {
        return true;
    }
    let words: Vec<&str> = s.split_whitespace().take(6).collect();
    let units = words
        .iter()
        .take_while(|w| person::word_kind(w) == person::Word::Unit && !person::is_role(w))
        .count();
    (2..=4).contains(&units) && words.get(units).is_some_and(|w| person::is_role(w))
}

/// "…enact them? Presented by …": the text before ends a sentence.
fn after_sentence(before: &str) -> bool {
    before
        .trim_end()
        .ends_with(['.', '?', '!', '"', '”', '’', ')'])
}

fn push_segment<'a>(seg: &'a str, out: &mut Vec<Piece<'a>>) {
    if let Some(name) = joined_by(seg) {
        // "Iain Dale was joined by:" heads the guest lines under it.
        out.push(label(seg, Role::Presenter, name));
        out.push(label("", Role::Guests, ""));
        return;
    }
    if announces_guests(seg) {
        // "The participants in this edition are:", "Featuring Guests:": a heading for the
        // guest lines under it.
        out.push(label(seg, Role::Guests, ""));
        return;
    }
    match leading_label(seg) {
        Some((Role::Presenter, rest)) => match bare_guest_label(rest) {
            Some((presenter, guests)) => {
                out.push(label(seg, Role::Presenter, presenter));
                out.push(label(guests, Role::Guests, guest_rest(guests)));
            }
            None => match with_guests(rest) {
                // "Chaired by X, with A, B and C": the guests after "with".
                Some((presenter, guests)) => {
                    out.push(label(seg, Role::Presenter, presenter));
                    out.push(label(guests, Role::Guests, guests));
                }
                None => out.push(label(seg, Role::Presenter, rest)),
            },
        },
        Some((role, rest)) => out.push(label(seg, role, rest)),
        None => out.push(Piece {
            text: seg,
            kind: Kind::Text,
            fit: Fit::default(),
            joined: false,
        }),
    }
}

fn label<'a>(text: &'a str, role: Role, rest: &'a str) -> Piece<'a> {
    Piece {
        text,
        kind: Kind::Label {
            role,
            rest: rest.trim(),
        },
        fit: Fit::default(),
        joined: false,
    }
}

fn guest_rest(s: &str) -> &str {
    let word_end = s.find(char::is_whitespace).unwrap_or(s.len());
    s[word_end..].trim()
}

/// The label a piece starts with, and the text after it. Without a colon a label
/// counts only alone on its line, as "Presented by …", or when a name follows at once
/// ("Presenter Dareen Abughaida"): "Host nations meet" and "Panel discussions are…"
/// stay text.
pub(super) fn leading_label(seg: &str) -> Option<(Role, &str)> {
    let caps = LEADING.captures(seg)?;
    let word = caps.get(0)?;
    let role = if caps.name("g").is_some() {
        Role::Guests
    } else {
        Role::Presenter
    };
    let after = seg[word.end()..].trim_start();
    if let Some(rest) = after.strip_prefix([':', '：']) {
        return Some((role, rest.trim()));
    }
    if after.is_empty() {
        // "With" alone on its line heads a guest list (BBC "In Our Time").
        return Some((role, ""));
    }
    if word.as_str().eq_ignore_ascii_case("with") {
        return None;
    }
    if caps.name("pb").is_some() {
        return Some((role, after));
    }
    if let Some(rest) = after.strip_prefix(['–', '—', '-']) {
        if rest.starts_with(' ') {
            return Some((role, rest.trim()));
        }
    }
    let capitalised = word.as_str().starts_with(char::is_uppercase);
    // "Guests Jane Doe Head of Research at …": a billing with no separator follows.
    (capitalised && (person::starts_with_name(after) || billing_follows(after)))
        .then_some((role, after))
}

/// A short line ending in a colon that names the guests.
fn announces_guests(seg: &str) -> bool {
    const WORDS: &[&str] = &[
        "guests",
        "guest",
        "participants",
        "panellists",
        "panelists",
        "the panel",
        "contributors",
        "speakers",
        "interviewees",
        "joined by",
        "speak with",
        "speak to",
        "talk to",
        "talk with",
        "hear from",
        "in conversation with",
    ];
    if seg.len() > 120 || !seg.ends_with([':', '：']) {
        return false;
    }
    let lower = seg.to_lowercase();
    WORDS.iter().any(|w| lower.contains(w))
}

/// "Name was joined by:" alone on its line: the presenter's name.
fn joined_by(seg: &str) -> Option<&str> {
    let head = seg.trim_end_matches([':', '：', ' ']);
    let head = [
        "was joined by",
        "is joined by",
        "were joined by",
        "are joined by",
    ]
    .iter()
    .find_map(|v| head.strip_suffix(v))?
    .trim();
    // "In this episode, presenter Ada Finch is joined by:": the name at the end.
    let starts: Vec<usize> = person::word_spans(head).map(|(a, _)| a).collect();
    starts
        .iter()
        .rev()
        .take(4)
        .map(|&a| &head[a..])
        .filter(|name| person::looks_like_name(name, 2))
        .max_by_key(|name| name.len())
}

/// A presenter's text that goes on ", with A, B and C" or " with guests A and B":
/// (the presenter part, the guests).
fn with_guests(rest: &str) -> Option<(&str, &str)> {
    let at = rest.find(" with ")?;
    let head = rest[..at].trim_end_matches(',').trim();
    let mut tail = rest[at + 6..].trim_start();
    for w in [
        "contributions from ",
        "contributions by ",
        "guests ",
        "her guests ",
        "his guests ",
        "the panel ",
        "panellists ",
        "panelists ",
    ] {
        if let Some(t) = tail.strip_prefix(w) {
            tail = t.trim_start_matches(':').trim_start();
        }
    }
    // The sentence's full stop, not an initial's.
    if let Some(t) = tail.strip_suffix('.') {
        if t.ends_with(char::is_lowercase) {
            tail = t;
        }
    }
    (person::looks_like_name(head, 2) && person::starts_with_name(tail)).then_some((head, tail))
}

/// In a presenter's text, a bare guest label followed by more text: (presenter
/// part, the guest label and what follows).
fn bare_guest_label(rest: &str) -> Option<(&str, &str)> {
    for (k, (a, b)) in person::word_spans(rest).enumerate() {
        if k > 0 && BARE_GUEST_WORDS.contains(&&rest[a..b]) && !rest[b..].trim().is_empty() {
            return Some((rest[..a].trim(), &rest[a..]));
        }
        if k > 12 {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Option<Role>, String)> {
        pieces(text)
            .into_iter()
            .filter(|p| p.kind != Kind::Blank)
            .map(|p| match p.kind {
                Kind::Label { role, rest } => (p.text.to_string(), Some(role), rest.to_string()),
                _ => (p.text.to_string(), None, String::new()),
            })
            .collect()
    }

    fn role_of(line: &str) -> Option<(Role, String)> {
        leading_label(line).map(|(r, rest)| (r, rest.to_string()))
    }

    #[test]
    fn presenter_labels() {
        for line in [
            "Presenter: Dalia Aboud",
            "PRESENTER: Dalia Aboud",
            "Presented by Dalia Aboud",
            "Host: Dalia Aboud",
            "Hosted by Dalia Aboud",
            "Moderator: Dalia Aboud",
            "Presenter – Dalia Aboud",
            "Presenter Dalia Aboud",
            "Anchor: Dalia Aboud",
        ] {
            assert_eq!(
                role_of(line),
                Some((Role::Presenter, "Dalia Aboud".into())),
                "{line}"
            );
        }
        assert_eq!(role_of("Presenters: A B and C D").unwrap().1, "A B and C D");
    }

    #[test]
    fn guest_labels() {
        for line in [
            "Guests:",
            "Guests",
            "Guest:",
            "Panel:",
            "Panelists:",
            "Panellists:",
            "Contributors:",
            "With:",
            "GUESTS:",
            "Our guests:",
            "Guests include:",
        ] {
            assert_eq!(role_of(line), Some((Role::Guests, String::new())), "{line}");
        }
        assert_eq!(
            role_of("Guests Oskar Lindqvist – analyst"),
            Some((Role::Guests, "Oskar Lindqvist – analyst".into()))
        );
    }

    #[test]
    fn prose_is_not_a_label() {
        for line in [
            "Host nations meet in Paris",
            "Panel discussions are planned",
            "With the strike spreading, can the council push for a deal?",
            "Without a deal, what next?",
            "Hostage talks stall",
            "Guestworkers in the Gulf",
            "Presentation of the report",
            "Chairman of the board",
        ] {
            assert_eq!(role_of(line), None, "{line}");
        }
    }

    #[test]
    fn a_flattened_line_is_cut_at_its_labels() {
        let k = kinds(
            "Does the port council work? Presenter: Mohammed Qasem Guests: Stefan Holm – professor",
        );
        assert_eq!(k.len(), 3, "{k:?}");
        assert_eq!(k[0].0, "Does the port council work?");
        assert_eq!(k[1].1, Some(Role::Presenter));
        assert_eq!(k[1].2, "Mohammed Qasem");
        assert_eq!(k[2].1, Some(Role::Guests));
        assert_eq!(k[2].2, "Stefan Holm – professor");
    }

    #[test]
    fn a_line_that_announces_the_guests_heads_them() {
        for line in [
            "In this episode of the Harbour Hour, we speak with:",
            "This week we hear from:",
        ] {
            let k = kinds(line);
            assert_eq!(k[0].1, Some(Role::Guests), "{line}");
        }
    }

    #[test]
    fn a_credit_label_ends_a_presenters_name() {
        let k = kinds("Credits: Speaker: Lia Park Host: Ola Berg Editor: Per Dahl Recorded by X.");
        let host = k.iter().find(|p| p.1 == Some(Role::Presenter)).unwrap();
        assert_eq!(host.2, "Ola Berg");
        assert!(
            k.iter().any(|p| p.0.starts_with("Editor: Per Dahl")),
            "{k:?}"
        );
    }

    #[test]
    fn a_bare_guests_word_ends_a_presenters_name() {
        let k = kinds("Presenter: Mohammed Qasem Guests Stefan Holm – professor");
        assert_eq!(k[0].2, "Mohammed Qasem");
        assert_eq!(
            (k[1].1, k[1].2.as_str()),
            (Some(Role::Guests), "Stefan Holm – professor")
        );
    }

    #[test]
    fn every_bare_guest_word_is_one_word_and_ends_a_presenters_name() {
        for w in BARE_GUEST_WORDS {
            assert!(!w.is_empty() && !w.contains(char::is_whitespace), "{w:?}");
            let k = kinds(&format!(
                "Presenter: Mohammed Qasem {w} Stefan Holm – professor"
            ));
            assert_eq!(k[0].2, "Mohammed Qasem", "{w}");
            assert_eq!(k[1].1, Some(Role::Guests), "{w}");
        }
    }

    #[test]
    fn inline_presented_by_needs_a_sentence_end() {
        assert_eq!(kinds("A show Presented by Nils Robson").len(), 1);
        let k = kinds("Is it over? Presented by Nils Robson");
        assert_eq!(k[1].2, "Nils Robson");
    }

    #[test]
    fn a_line_announcing_the_guests_heads_them() {
        for line in [
            "The participants in this edition of the debate are:",
            "Featuring Guests:",
            "This week the panel:",
        ] {
            let k = kinds(line);
            assert_eq!(
                (k[0].1, k[0].2.as_str()),
                (Some(Role::Guests), ""),
                "{line}"
            );
        }
        assert_eq!(kinds("Why guests matter: a note")[0].1, None);
    }

    #[test]
    fn boundaries_junk_and_blanks() {
        let p = pieces("a\n---\n\nShare\n");
        assert_eq!(p[1].kind, Kind::Boundary);
        assert_eq!(p[2].kind, Kind::Blank);
        assert_eq!(p[3].kind, Kind::Junk(Junk::Soft));
    }
}
