//! People a listing's prose introduces with their billing in apposition: "Jane Doe,
//! a senior fellow at the Lakeside Forum, explains …", "argues John Roe, director of
//! the Harbour Institute." Podcast directories and show pages bill guests this way
//! when they have no guest list. It is the weakest reading: the draft takes it only
//! when nothing else names guests, and a sentence that reports speech ("said",
//! "told") is left alone, so a person quoted in an article is not taken.

use super::candidates::{Candidate, Evidence};
use super::person::{clean_affiliation, is_honorific, is_role, looks_like_name, word_kind, Word};
use crate::text::names::name_key;

/// A billing in apposition is never longer than this.
const MAX_BILLING: usize = 220;
/// Lines read after the first that bills someone: the rest of that episode's blurb.
const MORE_LINES: usize = 3;
/// A long line is read this far.
const MAX_LINE: usize = 4000;

/// Appositive billings in `lines`, from the first line that has one through the
/// prose lines right after it; presenters (`hosts`) are left out.
pub(super) fn gather<'a>(
    lines: impl Iterator<Item = &'a str>,
    hosts: &[Candidate],
    out: &mut Vec<Candidate>,
) {
    let lines: Vec<&str> = lines
        .take(80)
        .map(|l| &l[..floor_char(l, MAX_LINE)])
        .collect();
    // Article prose bills people in apposition too ("X, the former minister, lost
    // his seat"): they are guests only on a programme's page.
    if !lines.iter().any(|l| programme_cue(l)) {
        return;
    }
    let mut found_at: Option<usize> = None;
    for (n, &line) in lines.iter().enumerate() {
        if let Some(first) = found_at {
            // A short line that is no sentence (a date, the next episode's title)
            // ends the blurb.
            if n > first + MORE_LINES || !is_prose(line) {
                break;
            }
        }
        let before = out.len();
        for c in in_line(line) {
            let key = name_key(&c.name);
            let known = hosts.iter().chain(out.iter()).any(|h| {
                let h = name_key(&h.name);
                h == key || h.ends_with(&format!(" {key}")) || key.ends_with(&format!(" {h}"))
            });
            if !known {
                out.push(c);
            }
        }
        if found_at.is_none() && out.len() > before {
            found_at = Some(n);
        }
    }
}

fn is_prose(line: &str) -> bool {
    line.len() >= 80 || line.trim_end().ends_with(['.', '!', '?', '"', '”'])
}

fn floor_char(s: &str, max: usize) -> usize {
    let mut at = max.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Every "Name, billing," in one line.
fn in_line(line: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (k, _) in line.match_indices(", ").take(200) {
        let Some((name_at, honorific)) = name_before(&line[..k]) else {
            continue;
        };
        let mut name = &line[name_at..k];
        if !name.contains(' ') {
            // "Gage, a historian at Yale": the surname of someone named in full before.
            match full_name_before(&line[..name_at], name) {
                Some(full) => name = full,
                None => continue,
            }
        }
        let Some(billing) = billing_after(&line[k + 2..]) else {
            continue;
        };
        if reports_speech(sentence_around(line, name_at, k + 2 + billing.len())) {
            continue;
        }
        let Some(affiliation) = clean_affiliation(billing) else {
            continue;
        };
        if bills_host(&affiliation) {
            continue;
        }
        out.push(Candidate {
            honorific: honorific.map(str::to_string),
            name: name.to_string(),
            affiliation: Some(affiliation),
            evidence: Evidence::Appositive,
        });
    }
    out
}

/// The name that ends `s` (two to four name words, honorifics before it given
/// apart): its start and the honorifics.
fn name_before(s: &str) -> Option<(usize, Option<&str>)> {
    let mut start = s.len();
    let mut units = 0;
    let mut hon_start = None;
    for (a, w) in rev_words(s) {
        if hon_start.is_none() {
            match word_kind(w) {
                _ if is_honorific(w) && units > 0 => hon_start = Some(a),
                Word::Unit | Word::Initial if units < 4 => {
                    units += 1;
                    start = a;
                }
                Word::Particle if units > 0 && units < 4 => start = a,
                _ => break,
            }
        } else if is_honorific(w) {
            hon_start = Some(a);
        } else {
            break;
        }
    }
    let name = &s[start..];
    if units < 1 || !looks_like_name(name, 1) || !name.starts_with(char::is_uppercase) {
        return None;
    }
    let honorific = hon_start.map(|h| s[h..start].trim());
    Some((start, honorific))
}

/// "Beverly Gage" in `before` for the surname "Gage": the full name the text gave.
fn full_name_before<'a>(before: &'a str, surname: &str) -> Option<&'a str> {
    let mut lo = before.len().saturating_sub(2000);
    while !before.is_char_boundary(lo) {
        lo += 1;
    }
    let before = &before[lo..];
    before.match_indices(surname).take(20).find_map(|(at, _)| {
        let end = at + surname.len();
        let boundary = before[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        let given_start = before[..at]
            .trim_end()
            .rfind(char::is_whitespace)
            .map_or(0, |i| i + 1);
        let full = &before[given_start..end];
        (boundary
            && before[..at].ends_with(' ')
            && full.split_whitespace().count() == 2
            && looks_like_name(full, 2))
        .then_some(full)
    })
}

/// The words of `s` from the last, with their starts.
fn rev_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut end = s.len();
    std::iter::from_fn(move || {
        let t = s[..end].trim_end();
        if t.is_empty() {
            return None;
        }
        let a = t.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        end = a;
        Some((a, &t[a..]))
    })
}

/// The billing at the start of `s` when it reads as one: a job title in its first
/// words, ended by a comma before a lower-case word, a relative clause or the
/// sentence's end.
fn billing_after(s: &str) -> Option<&str> {
    let end = billing_end(s)?;
    let billing = &s[..end];
    let opens = billing
        .split_whitespace()
        .take(5)
        .take_while(|w| !w.ends_with([',', ';']))
        .any(is_role);
    // "A, Dr B and Professor C": a list of people, not a billing.
    let mut words = billing.split_whitespace();
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let listed = is_honorific(first) && word_kind(second) == Word::Unit;
    (opens && !listed && !billing.contains(['"', '“', '”'])).then_some(billing)
}

fn billing_end(s: &str) -> Option<usize> {
    let limit = floor_char(s, MAX_BILLING);
    let mut prev = ' ';
    for (i, c) in s[..limit].char_indices() {
        let rest = &s[i + c.len_utf8()..];
        match c {
            ';' | '(' | ':' | '?' | '!' => return Some(i),
            ',' if rest.starts_with(' ') => {
                let next = rest.trim_start();
                if next.starts_with(char::is_lowercase) {
                    return Some(i);
                }
            }
            '.' if rest.is_empty() || (rest.starts_with(' ') && !prev.is_uppercase()) => {
                return Some(i)
            }
            ' ' if ["who ", "whose ", "which ", "where "]
                .iter()
                .any(|w| rest.starts_with(w)) =>
            {
                return Some(i)
            }
            _ => {}
        }
        prev = c;
    }
    (s.len() <= limit).then_some(s.len())
}

/// The sentence holding `a..b` (bounded).
fn sentence_around(line: &str, a: usize, b: usize) -> &str {
    let mut lo = a.saturating_sub(400);
    while !line.is_char_boundary(lo) {
        lo += 1;
    }
    let start = line[lo..a].rfind(". ").map_or(lo, |k| lo + k + 2);
    let b = b.min(line.len());
    let near = &line[b..floor_char(line, b + 300)];
    let end = near.find(". ").map_or(b + near.len(), |k| b + k);
    &line[start..end]
}

/// Whether a line speaks of a programme and its people ("explains", "joins us",
/// "tells host", "in this episode", "we ask") or gives an air time ("at 19:30 GMT").
fn programme_cue(line: &str) -> bool {
    const CUES: &[&str] = &[
        "explains",
        "explain",
        "discusses",
        "discuss",
        "argues",
        "argue",
        "joins",
        "join",
        "joined",
        "tells",
        "talks",
        "talk",
        "speaks",
        "speak",
        "shares",
        "reflects",
        "asks",
        "ask",
        "examines",
        "unpacks",
        "considers",
        "debates",
        "debate",
        "answers",
        "describes",
        "guest",
        "guests",
        "host",
        "episode",
        "show",
        "programme",
        "program",
        "podcast",
        "interview",
        "conversation",
        "panel",
        "we",
        "us",
        "our",
        "listen",
    ];
    line.split_whitespace().take(800).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        CUES.contains(&w.as_str()) || matches!(w.as_str(), "gmt" | "bst" | "cet" | "et" | "aest")
    })
}

/// Reported speech: a person quoted in an article, not a guest.
fn reports_speech(sentence: &str) -> bool {
    sentence.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(w, "said" | "told" | "according")
    })
}

fn bills_host(billing: &str) -> bool {
    let lower = billing.to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    ["host", "presenter", "anchor", "moderator", "co-host"]
        .iter()
        .any(|w| lower.starts_with(&format!("{w} ")) || lower == *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[&str]) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        gather(lines.iter().copied(), &[], &mut out);
        out.into_iter().map(|c| (c.name, c.affiliation)).collect()
    }

    fn p(n: &str, a: &str) -> (String, Option<String>) {
        (n.into(), Some(a.into()))
    }

    #[test]
    fn a_guest_billed_in_apposition_in_a_blurb() {
        assert_eq!(
            read(&[
                "Why are the harbour workers striking?",
                "Lena Vos, a senior researcher at the Harbour Institute, explains how the \
                 dispute began and what it means for the port.",
            ]),
            [p(
                "Lena Vos",
                "a senior researcher at the Harbour Institute"
            )]
        );
        assert_eq!(
            read(&[
                "The deal is a bad one, argues Kwame Asante, director of the Ports \
                 programme at the Lakeside Forum. Asante tells host Odile Brun that …"
            ]),
            [p(
                "Kwame Asante",
                "director of the Ports programme at the Lakeside Forum"
            )]
        );
    }

    #[test]
    fn a_surname_billed_after_the_full_name() {
        assert_eq!(
            read(&[
                "In a new essay Lena Vos argues the port must change. Vos, a historian at \
                    Danby, has written on ports for years."
            ]),
            [p("Lena Vos", "a historian at Danby")]
        );
        // A surname alone, never named in full: nobody.
        assert!(read(&["Vos, a historian at Danby, has written on ports for years."]).is_empty());
    }

    #[test]
    fn walks_of_life_beyond_politics_and_think_tanks_are_billings() {
        assert_eq!(
            read(&[
                "Kofi Mensah, a ferry-line founder and art collector, tells us why he gave \
                    his paintings away."
            ]),
            [p("Kofi Mensah", "a ferry-line founder and art collector")]
        );
    }

    #[test]
    fn the_billing_ends_at_a_verb_a_relative_clause_or_the_sentence() {
        assert_eq!(
            read(&[
                "First, we press retired Admiral Ravi Menon, a former adviser to \
                 the Ports Council, on why he backs the plan.",
                "Then we press Siv Ek, director of the Tide Institute, Nordhaven \
                 College, who argues it would fail.",
                "More: example.org",
                "Per Dahl, an economist at the Ledger, spoke last week on another show.",
            ]),
            [
                p("Ravi Menon", "a former adviser to the Ports Council"),
                p(
                    "Siv Ek",
                    "director of the Tide Institute, Nordhaven College"
                ),
            ]
        );
    }

    #[test]
    fn apposition_in_article_prose_is_no_guest() {
        assert!(read(&[
            "Hal Brenner, the former port minister, lost his seat to a newcomer by 40 votes.",
            "Mia Torres, a councillor in Danby, kept hers after a recount on Friday.",
        ])
        .is_empty());
    }

    #[test]
    fn quoted_people_hosts_and_lists_are_not_appositives() {
        assert!(read(&[
            "\"We will not back down,\" said Hal Brenner, leader of the dock union, on Monday.",
            "Mia Torres, a minister, told reporters the talks had failed.",
            "Ola Berg, the host of the programme, asks whether it can hold.",
            "Guests were Ann Moe, Per Dahl, Siv Ek and Bo Lind.",
            "With Ann Moe, Rabbi Per Dahl and Professor Siv Ek.",
        ])
        .is_empty());
    }
}
