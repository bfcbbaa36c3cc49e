//! The guest list: which lines are guests, and how a list flattened onto one line
//! ("A B – professor at X C D – analyst …") is cut into people.
//!
//! A flattened list is cut just before a separator when the two words in front of it
//! (particles such as "El" or "bin" and initials glued to the next word, ranks
//! included) look like a name, the previous guest has some affiliation left, and the
//! word before the name is not one that makes the pair part of a phrase ("at Chatham
//! House", "to President Joe Biden"). Names are two words unless the word before them
//! is a plain lower-case word ("… executive director Mary Ellen Smith –"), then three.
//! Limits: a one-word guest (a mononym) in a flattened list stays in the previous
//! guest's affiliation; a three-word name after a capitalised affiliation loses its
//! first word to it; commas flatten less reliably than dashes.

use super::person::{self, find_separator, is_dash, word_kind, word_spans, Word};
use super::words::{CONNECTORS, TITLE_BLOCKERS};

/// The people-sized chunks of one guest line. `flatten`: the line may hold several
/// guests (it followed the label on its line, was the only line, or is long).
pub(super) fn chunks(line: &str, flatten: bool, limit: usize, out: &mut Vec<String>) {
    if !flatten {
        // One line of several: "Felix Lee, SZ Dossier" is a name and a billing, unless
        // "and" says it lists people ("Ann Moe and Per Dahl").
        let listed = line.contains(" and ")
            || line.contains('&')
            || line.matches(',').count() >= 2
            || two_names(line);
        if listed {
            push_chunk(line, out);
        } else if !line.trim().is_empty() {
            out.push(line.trim().to_string());
        }
        return;
    }
    let line = unglue(line);
    for part in list_parts(&line) {
        for piece in split_after_brackets(&part) {
            let mode = if dash_words(piece) > 0 {
                Some(Mode::Dash)
            } else if piece.matches(", ").count() >= 2 {
                Some(Mode::Comma)
            } else {
                None
            };
            match mode {
                Some(mode) => {
                    let mut cut = boundary_split(piece, mode, limit);
                    if cut.len() < 2 {
                        // "A Head of Research, Lakeside Forum B Senior Editor, …": the
                        // commas are inside billings, nothing separates the guests.
                        cut = super::role_cuts::split(piece);
                    }
                    for c in cut {
                        push_chunk(c, out);
                    }
                }
                None => {
                    for c in super::role_cuts::split(piece) {
                        push_chunk(c, out);
                    }
                }
            }
            if out.len() > limit {
                return;
            }
        }
    }
}

/// A list whose line breaks a page lost, so that one guest's billing runs into the
/// next name ("… Shiv Nadar UniversityAsad Rehman - Executive director …"): a bullet
/// goes where a lower-case letter meets a name that a separator follows, and the list
/// ends where it meets a section's heading ("… Climate StrategiesOn our radar:Egypt").
fn unglue(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut lower_run = 0;
    let mut last = 0;
    // Each check reads a little of the line; a bounded number keeps this linear.
    let mut checks = 0;
    for (i, c) in line.char_indices() {
        if c.is_uppercase() && lower_run >= 3 && checks < MAX_GLUE_CHECKS {
            checks += 1;
            let rest = &line[i..];
            let next_lower = rest.chars().nth(1).is_some_and(char::is_lowercase);
            let head = &rest[..floor_char(rest, 200)];
            // "PricewaterhouseCoopers Per Dahl – …", "DeepMind Bo Lind – …": a name
            // follows the whole camel-case word, which is an organisation's.
            let after_word = head
                .find(char::is_whitespace)
                .map_or("", |k| head[k..].trim_start());
            let camel_word = person::starts_with_name(after_word);
            if next_lower && !camel_word && person::starts_with_name(head) {
                out.push_str(&line[last..i]);
                out.push_str(" • ");
                last = i;
            } else if next_lower && section_heading(rest) {
                out.push_str(&line[last..i]);
                return out;
            }
        }
        if c.is_uppercase()
            && line[..i].ends_with(' ')
            && line[..i].trim_end().ends_with(char::is_alphabetic)
            && checks < MAX_GLUE_CHECKS
        {
            // "… Climate Strategies On our radar:Egypt …": a section's heading, its
            // words after the first in lower case, ends the list.
            checks += 1;
            let rest = &line[i..];
            if section_heading(rest) && heading_words_lower(rest) {
                out.push_str(&line[last..i]);
                return out;
            }
        }
        lower_run = if c.is_lowercase() { lower_run + 1 } else { 0 };
    }
    out.push_str(&line[last..]);
    out
}

/// Whether the words of a heading ("On our radar:") after its first are in lower case,
/// and it has more than one: not "Director: …" or "Harbour Institute: …".
fn heading_words_lower(s: &str) -> bool {
    let head = &s[..s.find(':').unwrap_or(0)];
    let mut words = head.split_whitespace();
    // A plain word first, not one glued to the end of a billing ("LedgerIn").
    let first_plain = words
        .next()
        .is_some_and(|w| !w.chars().skip(1).any(char::is_uppercase));
    let mut words = words.peekable();
    first_plain && words.peek().is_some() && words.all(|w| w.starts_with(char::is_lowercase))
}

/// At most this many glued joins are looked at in one line.
const MAX_GLUE_CHECKS: usize = 200;

/// "On our radar:", "Related:": a few words and a colon, no separator before it.
fn section_heading(s: &str) -> bool {
    let Some(colon) = s[..floor_char(s, 40)].find(':') else {
        return false;
    };
    let head = &s[..colon];
    let words = head.split_whitespace().count();
    (1..=4).contains(&words) && !head.contains(|c: char| is_dash(c) || matches!(c, ',' | ';'))
}

fn floor_char(s: &str, max: usize) -> usize {
    let mut at = max.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Parts of a line cut at bullets and semicolons, where what follows starts with a
/// name; "professor; author of …" stays one affiliation.
fn list_parts(line: &str) -> Vec<String> {
    const MARKS: [char; 4] = ['•', '·', '▪', ';'];
    let mut parts: Vec<String> = Vec::new();
    // "… – moderated by Ola Berg" after the last guest is not their billing.
    let line = &line[..moderated_by(line).unwrap_or(line.len())];
    for part in line.split_inclusive(MARKS) {
        // "A, x; B, y; and C, z": the last item starts after "and".
        let t = part.trim_start();
        let t = t.strip_prefix("and ").unwrap_or(t);
        match parts.last_mut() {
            Some(last) if !person::starts_with_name(t.trim()) => last.push_str(part),
            Some(_) => parts.push(t.to_string()),
            None => parts.push(part.to_string()),
        }
    }
    for p in &mut parts {
        let kept = p.trim_end().trim_end_matches(MARKS).len();
        p.truncate(kept);
    }
    parts
}

/// Where a "– moderated by …" or "(hosted by …)" clause closes a guest list: the
/// phrase set off by a dash, comma, semicolon or bracket.
fn moderated_by(line: &str) -> Option<usize> {
    const BY: [&str; 4] = ["moderated by", "hosted by", "chaired by", "presented by"];
    let lower = line.to_ascii_lowercase();
    let glue =
        |c: char| c.is_whitespace() || is_dash(c) || matches!(c, '-' | ',' | ';' | '(' | '[');
    BY.iter()
        .flat_map(|w| lower.match_indices(w).take(20))
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = line[..at].trim_end();
            before.len() < at
                && before.ends_with(|c: char| glue(c) && !c.is_whitespace())
                && closes_list(&line[at..])
        })
        .min()
        .map(|at| line[..at].trim_end_matches(glue).len())
        .filter(|&n| n > 0)
}

/// "Ann Moe, Per Dahl": two names, not a name and a billing. An outlet may look like
/// a name ("Felix Lee, SZ Dossier"); a word in capitals says it is one.
fn two_names(line: &str) -> bool {
    let Some((a, b)) = line.split_once(',') else {
        return false;
    };
    let acronym = b.split_whitespace().any(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 && w.chars().all(|c| !c.is_lowercase())
    });
    !acronym && person::looks_like_name(a.trim(), 2) && person::looks_like_name(b.trim(), 2)
}

/// Whether "moderated by X" ends the line: a few words after "by" (the moderator,
/// "yours truly") and no separator of a further guest. Inside a billing ("editor of
/// Tide Talk, hosted by Ledger FM; B – …") the list goes on.
fn closes_list(clause: &str) -> bool {
    let rest = clause.split_once(" by ").map_or("", |(_, r)| r).trim();
    rest.split_whitespace().count() <= 6
        && find_separator(rest, false).is_none_or(|(_, _, sep)| sep == person::Sep::Bracket)
        && !rest.contains([';', '•'])
}

/// A chunk of names only, "A B, C D and E F", is several guests; anything else is one.
fn push_chunk(chunk: &str, out: &mut Vec<String>) {
    let chunk = chunk.trim();
    if chunk.is_empty() {
        return;
    }
    match name_list(chunk) {
        Some(names) => out.extend(names.into_iter().map(str::to_string)),
        None => out.push(chunk.to_string()),
    }
}

fn name_list(chunk: &str) -> Option<Vec<&str>> {
    if chunk.len() > 1000 || find_separator(chunk, false).is_some() {
        return None;
    }
    let mut items = Vec::new();
    for part in chunk.split([',', '،', '&']) {
        for item in part.split(" and ") {
            let item = item.trim();
            if !item.is_empty() {
                items.push(item);
            }
        }
    }
    (items.len() >= 2 && items.iter().all(|i| person::looks_like_name(i, 2))).then_some(items)
}

fn dash_words(s: &str) -> usize {
    word_spans(s)
        .filter(|&(a, b)| is_dash_word(&s[a..b]))
        .count()
}

fn is_dash_word(w: &str) -> bool {
    matches!(w, "-" | "--") || (w.chars().count() == 1 && w.chars().all(person::is_dash))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Dash,
    Comma,
}

/// A word of a flattened line, or a separator between a name and an affiliation.
struct Tok {
    start: usize,
    end: usize,
    sep: bool,
}

fn tokens(s: &str, mode: Mode) -> Vec<Tok> {
    let mut out = Vec::new();
    for (a, b) in word_spans(s) {
        let w = &s[a..b];
        match mode {
            Mode::Dash => out.push(Tok {
                start: a,
                end: b,
                sep: is_dash_word(w),
            }),
            Mode::Comma if w.len() > 1 && w.ends_with(',') => {
                out.push(Tok {
                    start: a,
                    end: b - 1,
                    sep: false,
                });
                out.push(Tok {
                    start: b - 1,
                    end: b,
                    sep: true,
                });
            }
            Mode::Comma => out.push(Tok {
                start: a,
                end: b,
                sep: w == ",",
            }),
        }
    }
    out
}

/// Cuts `s` before every separator that is preceded by a name (see the module doc).
fn boundary_split(s: &str, mode: Mode, limit: usize) -> Vec<&str> {
    let toks = tokens(s, mode);
    let seps: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].sep).collect();
    if seps.len() < 2 {
        return vec![s];
    }
    let mut cuts = vec![0usize];
    // The separator of the guest being read: its affiliation must keep a word.
    let mut owner = seps[0];
    for &k in &seps[1..] {
        if let Some(start) = name_start(s, &toks, k, owner + 2) {
            cuts.push(start);
            owner = k;
            if cuts.len() > limit {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(cuts.len());
    for (n, &c) in cuts.iter().enumerate() {
        let from = if n == 0 { 0 } else { toks[c].start };
        let to = cuts.get(n + 1).map_or(s.len(), |&next| toks[next].start);
        out.push(s[from..to].trim());
    }
    out
}

/// Where the name in front of separator `k` starts, if there is one; never before
/// token `floor`.
fn name_start(s: &str, toks: &[Tok], k: usize, floor: usize) -> Option<usize> {
    let word = |i: usize| &s[toks[i].start..toks[i].end];
    // Ranks are not name words here: they are taken in front of the name below.
    let kind = |i: usize| {
        if toks[i].sep || person::is_honorific(word(i)) {
            Word::Other
        } else {
            word_kind(word(i))
        }
    };
    let mut i = k;
    while i > floor && i + 2 > k && kind(i - 1) == Word::Suffix {
        i -= 1;
    }
    let (mut units, mut initials) = (0, 0);
    let glue = |i: &mut usize, initials: &mut usize| {
        while *i > floor && matches!(kind(*i - 1), Word::Particle | Word::Initial) {
            if kind(*i - 1) == Word::Initial {
                *initials += 1;
            }
            *i -= 1;
        }
    };
    while i > floor && units < 2 && kind(i - 1) == Word::Unit {
        units += 1;
        i -= 1;
        glue(&mut i, &mut initials);
    }
    if units == 0 || i >= k {
        return None;
    }
    // A name does not start with a lower-case particle: "Mohammed bin Salman".
    if word(i).starts_with(char::is_lowercase) && i > floor && kind(i - 1) == Word::Unit {
        i -= 1;
        glue(&mut i, &mut initials);
    }
    let capital_particle = kind(i) == Word::Particle && !word(i).starts_with(char::is_lowercase);
    if units < 2 && initials == 0 && !capital_particle {
        return None;
    }
    // "… executive director Mary Ellen Smith –": a third name word after plain prose.
    if units == 2 && i > floor && kind(i - 1) == Word::Unit && i - 1 > floor {
        let before = word(i - 2);
        if before.chars().all(char::is_lowercase) && !CONNECTORS.contains(&before) {
            i -= 1;
        }
    }
    let mut ranks = 0;
    while i > floor
        && ranks < 4
        && person::is_honorific(word(i - 1))
        && !word(i - 1).starts_with(char::is_lowercase)
    {
        i -= 1;
        ranks += 1;
    }
    if i < floor || i == 0 {
        return None;
    }
    let before = word(i - 1).trim_end_matches(',').to_lowercase();
    if toks[i - 1].sep
        || CONNECTORS.contains(&before.as_str())
        || TITLE_BLOCKERS.contains(&before.as_str())
    {
        return None;
    }
    Some(i)
}

/// Cuts after a bracketed affiliation when a name follows: "A B (X) C D (Y)".
fn split_after_brackets(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut open = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0
                    && !person::is_retired(&s[open + 1..i])
                    && !s[start..open].trim().is_empty()
                {
                    let after = i + 1;
                    let next = skip_list_glue(s, after);
                    if next < s.len() && name_then_separator(&s[next..]) {
                        out.push(s[start..after].trim());
                        start = next;
                    }
                }
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

/// Past spaces, commas, semicolons, "and" and "&" after a bracket.
fn skip_list_glue(s: &str, mut at: usize) -> usize {
    loop {
        let rest = &s[at..];
        let trimmed = rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '،'));
        at += rest.len() - trimmed.len();
        match trimmed.strip_prefix("and ") {
            Some(r) => at += trimmed.len() - r.len(),
            None => return at,
        }
    }
}

/// A name of two or more words, then a separator: the next guest.
fn name_then_separator(s: &str) -> bool {
    match find_separator(s, true) {
        Some((a, _, _)) => a <= 120 && person::looks_like_name(&s[..a], 2),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<String> {
        let mut out = Vec::new();
        chunks(line, true, 20, &mut out);
        out
    }

    #[test]
    fn the_samples_flattened_guests_are_found() {
        assert_eq!(
            split(
                "Stefan Holm – professor of politics at the University of Danby \
                 Luca Ferrante – associate professor of international law at Tromsø University \
                 in Norway Samir El Fassi – journalist and host of the Tide Talk podcast"
            ),
            [
                "Stefan Holm – professor of politics at the University of Danby",
                "Luca Ferrante – associate professor of international law at Tromsø University in Norway",
                "Samir El Fassi – journalist and host of the Tide Talk podcast",
            ]
        );
    }

    #[test]
    fn capitalised_affiliations_and_ranks() {
        assert_eq!(
            split(
                "Oskar Lindqvist – Executive Director, Baltic Democracy Initiative \
                 Dr. Pavel Dronov – Independent Analyst Khalid bin Saeed Al Nuaimi – Minister"
            ),
            [
                "Oskar Lindqvist – Executive Director, Baltic Democracy Initiative",
                "Dr. Pavel Dronov – Independent Analyst",
                "Khalid bin Saeed Al Nuaimi – Minister",
            ]
        );
        assert_eq!(
            split("Jane Roe – executive director Mary Ellen Smith – analyst"),
            [
                "Jane Roe – executive director",
                "Mary Ellen Smith – analyst"
            ]
        );
    }

    #[test]
    fn dashes_inside_one_affiliation_do_not_cut() {
        for line in [
            "Rana Haddad – Director, Lakeside Middle East Center - Beirut",
            "Jane Doe – fellow at Harbour House - London",
            "Jane Doe – former adviser to President Joe Biden – Washington",
            "Tarek El-Sayed - University of Danby - New Harbour",
            "Jane Doe – Senior Fellow – Royal United Services Institute",
        ] {
            assert_eq!(split(line), [line], "{line}");
        }
    }

    #[test]
    fn the_last_item_after_and_and_a_moderator_clause() {
        let mut out = Vec::new();
        chunks(
            "Hal Brenner, spokesperson for the Ports Council; Mia Torres, a port economist; \
             and Per Dahl, co-CEO at the Ledger Group – moderated by Ola Berg.",
            true,
            20,
            &mut out,
        );
        assert_eq!(
            out,
            [
                "Hal Brenner, spokesperson for the Ports Council",
                "Mia Torres, a port economist",
                "Per Dahl, co-CEO at the Ledger Group",
            ]
        );
        assert_eq!(
            moderated_by("Mia Torres – producer of a podcast hosted by Ledger FM"),
            None
        );
    }

    #[test]
    fn one_line_of_several_is_a_name_and_its_billing() {
        let mut out = Vec::new();
        chunks("Per Dahl, SZ Dossier", false, 20, &mut out);
        chunks("Ann Moe and Siv Ek", false, 20, &mut out);
        assert_eq!(out, ["Per Dahl, SZ Dossier", "Ann Moe", "Siv Ek"]);
    }

    #[test]
    fn a_list_whose_line_breaks_were_lost() {
        let mut out = Vec::new();
        chunks(
            "Mia Torres - Port economist; fellow, Baltic InstituteHal Brenner - General \
             secretary, Dockers' UnionPer Dahl - Editor, The LedgerIn the news:The port \
             closed for a week.",
            true,
            20,
            &mut out,
        );
        assert_eq!(
            out,
            [
                "Mia Torres - Port economist; fellow, Baltic Institute",
                "Hal Brenner - General secretary, Dockers' Union",
                "Per Dahl - Editor, The Ledger",
            ]
        );
        // Names written in camel case stay whole, and so do organisations' before
        // the next guest.
        for line in [
            "Ann McDonald - DeepMind fellow",
            "Ann Moe - partner at PricewaterhouseCoopers Per Dahl - analyst",
            "Ann Moe - fellow at DeepMind Bo Lind - researcher at OpenAI Siv Ek - pilot",
        ] {
            assert_eq!(unglue(line), line);
        }
    }

    #[test]
    fn brackets_commas_and_lists() {
        assert_eq!(
            split("Stefan Holm (University of Danby), Luca Ferrante (Tromsø University)"),
            [
                "Stefan Holm (University of Danby)",
                "Luca Ferrante (Tromsø University)"
            ]
        );
        assert_eq!(
            split("BG (Ret.) Mark Kellgren – former US official"),
            ["BG (Ret.) Mark Kellgren – former US official"]
        );
        assert_eq!(
            split("Oskar Lindqvist, director of the Baltic Democracy Initiative, Kyiv Pavel Dronov, analyst"),
            [
                "Oskar Lindqvist, director of the Baltic Democracy Initiative, Kyiv",
                "Pavel Dronov, analyst"
            ]
        );
        assert_eq!(
            split("Oskar Lindqvist, Pavel Dronov and Anton Rask"),
            ["Oskar Lindqvist", "Pavel Dronov", "Anton Rask"]
        );
        assert_eq!(
            split("Anton Rask, Harbour Institute"),
            ["Anton Rask, Harbour Institute"]
        );
        assert_eq!(
            split("A Ab – x; Cc Dd – y • Ee Ff – z"),
            ["A Ab – x", "Cc Dd – y", "Ee Ff – z"]
        );
    }
}
