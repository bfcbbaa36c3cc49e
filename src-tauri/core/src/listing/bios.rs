//! Billings given in a sentence about the guest: "Jane Doe is a professor of history
//! at …", "John Roe, a former minister, is Shadow Minister for …". Pages that name
//! their guests in one place (a prose list, a name on its own line) often bill them
//! in such a sentence elsewhere, or put the whole paragraph about them where the
//! billing goes; the billing is that sentence's predicate, or what a bracket after
//! the name holds ("Jane Doe (Asia Programme, Lakeside Forum)").

use super::candidates::Candidate;
use super::title::sentences;
use super::MAX_GUESTS;

/// A sentence about a guest is read this far.
const MAX_SENTENCE: usize = 400;
/// A line is searched for guests' names this far.
const MAX_LINE: usize = 20_000;

/// Each guest without a billing, or whose billing is a paragraph about them that
/// starts with their name, billed from the first sentence "Name is …" in `lines`
/// (their own paragraph first). Only the first [`MAX_GUESTS`], the most a draft
/// keeps: the search is per guest, and a long paste can name hundreds.
pub(super) fn fill<'a>(lines: impl Iterator<Item = &'a str> + Clone, guests: &mut [Candidate]) {
    for g in guests.iter_mut().take(MAX_GUESTS) {
        if g.name.split_whitespace().count() < 2 {
            continue;
        }
        if let Some(own) = g.affiliation.as_deref() {
            if own.starts_with(&g.name) {
                if let Some(p) = predicate(&own[g.name.len()..]) {
                    g.affiliation = Some(p);
                }
            }
            continue;
        }
        let billed = |name: &str| {
            lines.clone().take(60).find_map(|line| {
                // A pasted page can be one huge line: read its start only.
                let line = &line[..floor_char(line, MAX_LINE)];
                line.match_indices(name)
                    .take(10)
                    .find_map(|(at, n)| predicate(&line[at + n.len()..]))
            })
        };
        g.affiliation = billed(&g.name);
        if g.affiliation.is_none() {
            // "Nadia Abu El Haj" in the list, "Nadia Abu El-Haj is …" in the sentence:
            // the sentence's spelling of a compound surname, and its billing.
            let spaces: Vec<usize> = g.name.match_indices(' ').map(|(i, _)| i).collect();
            for &at in spaces.iter().skip(1).take(3) {
                let hyphened = format!("{}-{}", &g.name[..at], &g.name[at + 1..]);
                if let Some(a) = billed(&hyphened) {
                    g.name = hyphened;
                    g.affiliation = Some(a);
                    break;
                }
            }
        }
    }
}

/// The predicate of "… is X." at the start of `rest` (what follows a name): " is a
/// historian at …", ", a former minister, is Shadow Minister for …".
pub(super) fn predicate(rest: &str) -> Option<String> {
    let rest = &rest[..floor_char(rest, MAX_SENTENCE * 2)];
    let end = sentences(rest).first().map_or(rest.len(), |&(_, b)| b);
    let end = floor_char(rest, end.min(MAX_SENTENCE));
    let sentence = &rest[..end];
    // "Dr Jane Doe (Asia Programme, Lakeside Forum) about …"
    if let Some(inside) = rest.strip_prefix(" (") {
        let inside = &inside[..inside.find(')')?];
        let fits = inside.starts_with(char::is_uppercase)
            && !inside.contains('(')
            && inside.split_whitespace().count() >= 2
            && inside.len() <= 150;
        return fits.then(|| inside.trim().to_string());
    }
    let after = if let Some(r) = sentence.strip_prefix(" is ") {
        r
    } else if let Some(r) = sentence.strip_prefix(", ") {
        let at = r.find(", is ")?;
        &r[at + 5..]
    } else {
        return None;
    };
    let after = after.trim().trim_end_matches('.').trim();
    // "is a" + something: a billing has a few words, and starts as one.
    let words = after.split_whitespace().count();
    // "is now a fellow at …" bills; "is now facing questions" is news: after an
    // adverb the billing still opens with an article or a title.
    let mut noun = after;
    while let Some(r) = ["currently ", "now ", "also ", "still "]
        .iter()
        .find_map(|w| noun.strip_prefix(w))
    {
        noun = r;
    }
    let opens = noun.starts_with(char::is_uppercase)
        || ["a ", "an ", "the ", "one "]
            .iter()
            .any(|w| noun.starts_with(w));
    (opens && (2..=40).contains(&words)).then(|| without_clause(after).to_string())
}

/// Verbs that go on a sentence about someone after their billing: "a professor at X
/// and writes on …".
const GOES_ON: &[&str] = &[
    "is",
    "was",
    "has",
    "had",
    "writes",
    "wrote",
    "serves",
    "served",
    "teaches",
    "taught",
    "leads",
    "led",
    "works",
    "worked",
    "runs",
    "ran",
    "advises",
    "advised",
    "hosts",
    "hosted",
    "lives",
    "covers",
    "covered",
    "focuses",
    "studies",
    "sits",
    "chairs",
    "previously",
    "recently",
    "joins",
    "joined",
    "spent",
    "helped",
];

/// A billing without the clause its sentence goes on with: "the former minister who is
/// now in Kabul", "a professor at X and writes often on the region" → the noun
/// phrase before it. A billing that would be left with fewer than two words stays.
pub(super) fn without_clause(s: &str) -> &str {
    let mut cut = s.len();
    for rel in [
        " who ", " whose ", ", which ", ", where ", ", about ", ", on ", ", over ",
    ] {
        if let Some(at) = s.find(rel) {
            cut = cut.min(at);
        }
    }
    for (at, _) in s.match_indices(" and ") {
        let next = s[at + 5..].split_whitespace().next().unwrap_or("");
        if GOES_ON.contains(&next) {
            cut = cut.min(at);
            break;
        }
    }
    let head = s[..cut].trim_end_matches([',', ' ']);
    if head.split_whitespace().count() >= 2 {
        head
    } else {
        s
    }
}

fn floor_char(s: &str, max: usize) -> usize {
    let mut at = max.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::super::candidates::Evidence;
    use super::*;

    fn guest(name: &str, affiliation: Option<&str>) -> Candidate {
        Candidate::named(name, affiliation.map(Into::into), Evidence::Prose)
    }

    #[test]
    fn a_billing_ends_before_the_clause_its_sentence_goes_on_with() {
        for (s, want) in [
            (
                "a tide engineer at Port College and writes often on floods",
                "a tide engineer at Port College",
            ),
            (
                "the former harbour master who is now in Lisbon",
                "the former harbour master",
            ),
            (
                "head of research, where she leads the tides team",
                "head of research",
            ),
            (
                "the former harbour master, on the dredging contract",
                "the former harbour master",
            ),
            (
                "professor of history and politics at Port College",
                "professor of history and politics at Port College",
            ),
            ("someone who is here", "someone who is here"),
        ] {
            assert_eq!(without_clause(s), want);
        }
    }

    #[test]
    fn a_billing_from_a_sentence_about_the_guest() {
        let lines = [
            "Host Ola Berg speaks to Mia Torres and Hal Brenner about the strike.",
            "Mia Torres is a port economist at the Baltic Institute. Hal Brenner, who led \
             the 2019 strike, is the general secretary of the Dockers' Union.",
        ];
        let mut guests = [guest("Mia Torres", None), guest("Hal Brenner", None)];
        fill(lines.iter().copied(), &mut guests);
        assert_eq!(
            guests[0].affiliation.as_deref(),
            Some("a port economist at the Baltic Institute")
        );
        assert_eq!(
            guests[1].affiliation.as_deref(),
            Some("the general secretary of the Dockers' Union")
        );
    }

    #[test]
    fn only_as_many_guests_as_a_draft_keeps_are_searched_for() {
        // Same length, so no name is the start of another.
        let names: Vec<String> = (0..MAX_GUESTS + 5)
            .map(|i| format!("Ann Moe{i:03}"))
            .collect();
        let text: Vec<String> = names
            .iter()
            .map(|n| format!("{n} is a port economist at the Baltic Institute."))
            .collect();
        let mut guests: Vec<_> = names.iter().map(|n| guest(n, None)).collect();
        fill(text.iter().map(String::as_str), &mut guests);
        assert!(guests[..MAX_GUESTS].iter().all(|g| g.affiliation.is_some()));
        assert!(guests[MAX_GUESTS..].iter().all(|g| g.affiliation.is_none()));
    }

    #[test]
    fn a_paragraph_about_the_guest_gives_its_first_predicate() {
        let mut guests = [
            guest(
                "Per Dahl",
                Some(
                    "Per Dahl, a former harbour master, is Shadow Minister for Ports. He \
                     served in the navy for twenty years.",
                ),
            ),
            guest("Siv Ek", Some("Siv Ek is here tonight.")),
        ];
        fill(std::iter::empty(), &mut guests);
        assert_eq!(
            guests[0].affiliation.as_deref(),
            Some("Shadow Minister for Ports")
        );
        // No billing in the sentence: the paragraph stays for the producer to trim.
        assert_eq!(
            guests[1].affiliation.as_deref(),
            Some("Siv Ek is here tonight.")
        );
    }

    #[test]
    fn a_billing_in_brackets_after_the_name_in_prose() {
        let mut guests = [guest("Lia Park", None), guest("Per Dahl", None)];
        fill(
            [
                "This week Ola speaks with Dr Lia Park (Ports Programme, Lakeside Forum) and \
              Per Dahl (2019) about the strike.",
            ]
            .iter()
            .copied(),
            &mut guests,
        );
        assert_eq!(
            guests[0].affiliation.as_deref(),
            Some("Ports Programme, Lakeside Forum")
        );
        assert_eq!(guests[1].affiliation, None);
    }

    #[test]
    fn a_sentence_that_is_no_billing_gives_none() {
        let mut guests = [guest("Mia Torres", None)];
        fill(
            [
                "Mia Torres is worried. Mia Torres is now facing questions about the deal. \
                 Mia Torres is going to the port.",
            ]
            .iter()
            .copied(),
            &mut guests,
        );
        assert_eq!(guests[0].affiliation, None);
    }
}
