//! Reading a programme listing pasted from a web page, an email or a document into a
//! draft the producer reviews before anything is saved.
//!
//! A listing is a title (often a question), framing paragraphs and questions, a
//! presenter and guests. Pasted from a page it comes with the page: share buttons,
//! credits, captions, comments, other episodes. Published listings bill their people in
//! many shapes: labelled blocks ("Guests:", "To discuss:"), "Name – Affiliation" lines,
//! sentences ("Jane Doe is a historian …"), prose ("X speaks to A; B; and C"), profiles
//! ("Name" then "Who? …"), lists flattened onto one line. The parser works in stages,
//! each linear in the input and tested on its own:
//!
//! 1. `clean` and `cut`: the text normalised and cut into pieces, one per line, a line
//!    further cut where a label starts inside it ("… them? Presenter: X Guests: A – …").
//! 2. `classify`: each piece classified once — blank, boundary, junk (page furniture,
//!    `junk`; credits, bylines, captions, prompts), label, or text with its fit as a
//!    billing line (`person`, `unseparated`).
//! 3. `layout` finds the first listing's parts (title and framing lines, presenter
//!    labels, the guest block and how it was found); `candidates` turns them into
//!    people with the evidence for each, beside the other readings: `prose`, `profiles`,
//!    flattened lists cut by `guests` and `role_cuts`.
//! 4. `draft`: guests chosen from one reading by score, a guest host over the usual
//!    presenter, the title line chosen by `headline` (a show's name and further
//!    episodes by `episodes`), everything bounded with warnings.
//!
//! Nothing here fails: what the parser is unsure of becomes a warning on the draft,
//! and every field is bounded to the core's text limits so the draft can be saved.

mod appositive;
mod bios;
mod candidates;
mod classify;
mod clean;
mod cut;
mod decode;
mod draft;
mod episodes;
mod guests;
mod headline;
mod junk;
mod layout;
mod person;
mod profiles;
mod prose;
mod role_cuts;
mod title;
mod unseparated;
mod words;

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::text::limits;

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
    /// The show's name when the page put it in front of the title ("The Heat: Can the
    /// corridor survive?"): for the review to offer as the series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
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
    let found = layout::listing(&pieces, 0, true);
    let people = candidates::gather(&found);
    draft::build(&text, &pieces, &found, people)
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
