//! Reading a programme listing pasted from a web page, an email or a document into a
//! draft the producer reviews before anything is saved.
//!
//! A listing is a title (often a question), framing paragraphs and questions, a
//! presenter and guests billed "Name – Affiliation". Pasted from a page it comes with
//! the page: share buttons, comments, hashtags, and related articles that may be other
//! listings flattened onto one line. The parser works in four passes, each linear in
//! the input:
//!
//! 1. `clean`: line endings, odd spaces and control characters normalised.
//! 2. `labels`: every line becomes a piece (blank, junk, label or text); a line is
//!    also cut where a capitalised label with a colon starts inside it, which is how a
//!    flattened listing is read ("… them? Presenter: X Guests: A – …").
//! 3. `scan`: the first listing is the text before its labels (title, then framing),
//!    its presenter, and its guest block; a missing "Guests:" label is made up for by
//!    billing lines after the presenter. Later listings are only located, for their
//!    titles.
//! 4. `guests` and `person`: guest lines cut into people (a flattened list at the
//!    capitalised names before each separator), each split into honorific, name and
//!    affiliation at the first separator.
//!
//! Nothing here fails: what the parser is unsure of becomes a warning on the draft,
//! and every field is bounded to the core's text limits so the draft can be saved.

mod classify;
mod clean;
mod cut;
mod decode;
mod guests;
mod junk;
mod layout;
mod person;
mod title;
mod unseparated;
mod words;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::text::{limits, names::name_key};
use clean::{bound, collapse, Warnings};
use layout::GuestsFound;

pub use decode::decode;

/// What the parser read from one listing. Nothing is saved from it until the producer
/// has reviewed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListingDraft {
    /// Empty when no title was found (a warning says so).
    pub title: String,
    /// Framing paragraphs and questions, one per item.
    pub framing: Vec<String>,
    /// Every presenter, in order.
    pub presenters: Vec<ParsedPerson>,
    /// The first presenter: the programme's.
    pub presenter: Option<ParsedPerson>,
    pub guests: Vec<ParsedPerson>,
    /// What the parser was unsure of, for the review form.
    pub warnings: Vec<String>,
    /// Titles of further listings in the text: reported, not imported.
    pub other_listings: Vec<String>,
    /// When no title was found because the first line is longer than a title may be:
    /// its length in characters, so an import can say so rather than "no title".
    #[serde(skip)]
    pub long_first_line: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParsedPerson {
    pub name: String,
    /// "Dr.", "Lt. Gen. (Ret.)", as written.
    pub honorific: Option<String>,
    pub affiliation: Option<String>,
}

/// At most this many guests are kept: the core's limit for a programme.
pub const MAX_GUESTS: usize = limits::GUESTS;
/// At most this many framing items are kept: the core's limit for a programme.
pub const MAX_FRAMING: usize = limits::FRAMING_ITEMS;
pub const MAX_PRESENTERS: usize = 4;
pub const MAX_OTHER_LISTINGS: usize = 20;
const HONORIFIC_LEN: usize = 100;

/// Reads the first listing in `text`; further listings are named in `other_listings`.
/// Never panics; time is linear in the length of `text`.
pub fn parse_listing(text: &str) -> ListingDraft {
    let text = clean::normalise(text);
    let mut pieces = cut::pieces(&text);
    classify::classify(&mut pieces);
    let mut w = Warnings::default();
    let found = layout::listing(&pieces, 0, true);

    let mut draft = ListingDraft::default();
    let (title, framing) = title::title_and_framing(&found.pre, MAX_FRAMING + 1);
    draft.title = match title {
        Some(t) if !t.is_empty() => bound(collapse(&t), limits::TITLE, "The title", &mut w),
        _ => {
            let first = found.pre.first().map_or(0, |l| l.chars().count());
            if first > limits::TITLE {
                draft.long_first_line = Some(first);
                w.push(format!(
                    "The first line is too long to be the title ({first} characters; a title \
                     is at most {}): type one in",
                    limits::TITLE
                ));
            } else {
                w.push("No title found: type one in");
            }
            String::new()
        }
    };
    draft.framing = framing_of(framing, &found.post, &mut w);
    draft.presenters = presenters_of(&found.presenters, &mut w);
    draft.presenter = draft.presenters.first().cloned();
    draft.guests = guests_of(&found, &mut w);
    if !found.anchored() {
        w.push("No \"Presenter:\" or \"Guests:\" label found: check the framing for guest lines");
    }
    draft.other_listings = other_listings(&pieces, found.end, &mut w);
    draft.warnings = w.finish();
    draft
}

/// The parts of a file holding several listings, separated by a line of `---` (three
/// or more hyphens alone on a line). Blank parts are left out.
pub fn split_listings(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.len() >= 3 && t.chars().all(|c| c == '-') {
            parts.push(&text[start..pos]);
            start = pos + line.len();
        }
        pos += line.len();
    }
    parts.push(&text[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn framing_of(mut items: Vec<String>, post: &[&str], w: &mut Warnings) -> Vec<String> {
    for line in post {
        if items.len() > MAX_FRAMING {
            break;
        }
        let room = MAX_FRAMING + 1 - items.len();
        items.extend(title::framing_items(line, room));
    }
    if items.len() > MAX_FRAMING {
        items.truncate(MAX_FRAMING);
        w.push(format!(
            "More than {MAX_FRAMING} framing items: kept the first {MAX_FRAMING}; check no page text crept in"
        ));
    } else if items.len() > 12 {
        w.push(format!(
            "{} framing items is more than a listing usually has: check no page text crept in",
            items.len()
        ));
    }
    items
        .into_iter()
        .map(|i| bound(i, limits::FRAMING_ITEM, "A framing item", w))
        .collect()
}

fn presenters_of(texts: &[&str], w: &mut Warnings) -> Vec<ParsedPerson> {
    let mut out = Vec::new();
    for text in texts {
        for item in presenter_items(text) {
            let b = person::split_billing(item, true);
            if let Some(p) = person_of(b, "presenter", w) {
                out.push(p);
            }
        }
    }
    if out.is_empty() {
        w.push("No presenter found");
    }
    if out.len() > MAX_PRESENTERS {
        w.push(format!(
            "More than {MAX_PRESENTERS} presenters: kept the first {MAX_PRESENTERS}"
        ));
        out.truncate(MAX_PRESENTERS);
    }
    out
}

/// "A and B", "A, B & C": one item per presenter. A part that is not a name ("Dareen
/// Abughaida, Al Jazeera") stays with the presenter before it, as an affiliation.
fn presenter_items(text: &str) -> Vec<&str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut cuts = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            ',' | '&' | ';' | '،' => cuts.push((i, i + c.len_utf8())),
            ' ' if text[i..].starts_with(" and ") => cuts.push((i, i + 5)),
            _ => {}
        }
        if cuts.len() > 20 {
            break;
        }
    }
    for (a, b) in cuts {
        if a >= start {
            spans.push((start, a));
            start = b;
        }
    }
    spans.push((start, text.len()));
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        let item = text[a..b].trim();
        let head = match person::find_separator(item, false) {
            Some((k, _, _)) => &item[..k],
            None => item,
        };
        match merged.last_mut() {
            Some(last) if !person::looks_like_name(head, 2) => last.1 = b,
            _ => merged.push((a, b)),
        }
    }
    merged
        .into_iter()
        .map(|(a, b)| text[a..b].trim())
        .filter(|s| !s.is_empty())
        .collect()
}

fn guests_of(found: &layout::Found, w: &mut Warnings) -> Vec<ParsedPerson> {
    // Each guest's text, and the affiliation line under it in the two-line layout.
    let mut billed: Vec<(String, Option<&str>)> = Vec::new();
    let mut flattened = false;
    for line in &found.guests {
        if line.affiliation.is_some() {
            billed.push((line.text.to_string(), line.affiliation));
        } else {
            let mut chunks = Vec::new();
            guests::chunks(line.text, line.flatten, MAX_GUESTS, &mut chunks);
            flattened |= chunks.len() > 1;
            billed.extend(chunks.into_iter().map(|c| (c, None)));
        }
        if billed.len() > MAX_GUESTS {
            break;
        }
    }
    let mut out: Vec<ParsedPerson> = Vec::new();
    for (text, affiliation) in &billed {
        let mut b = person::split_billing(text, true);
        if let Some(a) = affiliation {
            b.affiliation = Some(a.to_string());
        }
        if let Some(p) = person_of(b, "guest", w) {
            if out.iter().any(|o| name_key(&o.name) == name_key(&p.name)) {
                w.push(format!("{} was listed twice; kept once", p.name));
                continue;
            }
            out.push(p);
        }
    }
    // Name-only lines after billed guests are headings the page put under them
    // ("Related Articles" that the junk list does not know), not guests.
    if out.iter().any(|g| g.affiliation.is_some()) {
        while out.last().is_some_and(|g| g.affiliation.is_none()) {
            let dropped = out.pop().map(|g| g.name).unwrap_or_default();
            w.push(format!(
                "Ignored \"{dropped}\" after the guests (no affiliation; a heading?)"
            ));
        }
    }
    if out.len() > MAX_GUESTS {
        w.push(format!(
            "More than {MAX_GUESTS} guests: kept the first {MAX_GUESTS}"
        ));
        out.truncate(MAX_GUESTS);
    }
    match found.how {
        _ if out.is_empty() => w.push("No guests found"),
        GuestsFound::AfterPresenter => w.push(format!(
            "No \"Guests:\" label: took the {} billed lines after the presenter as guests",
            out.len()
        )),
        GuestsFound::Unlabelled => w.push(format!(
            "No \"Guests:\" label or presenter: took the {} lines billed \"Name – affiliation\" as guests",
            out.len()
        )),
        _ => {}
    }
    if flattened {
        w.push("The guests were on one line and were split at their names: check each name and affiliation");
    }
    if !out.is_empty() && out.iter().all(|g| g.affiliation.is_none()) {
        w.push("No affiliations found for the guests");
    } else {
        for g in out.iter().filter(|g| g.affiliation.is_none()) {
            w.push(format!("No affiliation for {}", g.name));
        }
    }
    out
}

/// A person from a billing, bounded; `None` when there is no name.
fn person_of(b: person::Billing, role: &str, w: &mut Warnings) -> Option<ParsedPerson> {
    let name = collapse(b.name);
    if !name.chars().any(char::is_alphanumeric) {
        return None;
    }
    if in_capitals(&name) {
        w.push(format!("{name} is written in capitals; kept as written"));
    }
    if name.split(' ').count() > 6 || name.contains(['?', '!']) {
        w.push(format!("The {role} \"{name}\" does not look like a name"));
    }
    let name = bound(name, limits::NAME, &format!("A {role}'s name"), w);
    let affiliation = b
        .affiliation
        .map(|a| collapse(&a))
        .filter(|a| !a.is_empty())
        .map(|a| bound(a, limits::AFFILIATION, &format!("{name}'s affiliation"), w));
    let honorific = b
        .honorific
        .map(|h| collapse(&h))
        .filter(|h| !h.is_empty())
        .map(|h| bound(h, HONORIFIC_LEN, &format!("{name}'s honorific"), w));
    Some(ParsedPerson {
        name,
        honorific,
        affiliation,
    })
}

fn in_capitals(name: &str) -> bool {
    let cased = name.chars().filter(|c| c.is_uppercase()).count();
    cased >= 3 && !name.chars().any(char::is_lowercase)
}

/// Titles of the listings after the first, found by their labels.
fn other_listings(pieces: &[cut::Piece], mut at: usize, w: &mut Warnings) -> Vec<String> {
    let mut titles = Vec::new();
    let mut more = false;
    while at < pieces.len() {
        let next = layout::listing(pieces, at, false);
        at = next.end.max(at + 1);
        if !next.anchored() {
            continue;
        }
        if titles.len() == MAX_OTHER_LISTINGS {
            more = true;
            break;
        }
        let title = title::title_and_framing(&next.pre, 0).0.unwrap_or_default();
        let title = collapse(&title);
        let mut quiet = Warnings::default();
        titles.push(if title.is_empty() {
            "(untitled listing)".to_string()
        } else {
            bound(title, limits::TITLE, "", &mut quiet)
        });
    }
    if !titles.is_empty() {
        w.push(format!(
            "The text holds {}{} more listing{}: only the first is imported",
            titles.len(),
            if more { "+" } else { "" },
            if titles.len() == 1 && !more { "" } else { "s" }
        ));
    }
    titles
}
