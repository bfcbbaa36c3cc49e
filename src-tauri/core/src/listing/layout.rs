//! Finding one listing among the pieces: the lines before its labels (title and
//! framing), its presenter, and its guest block, and where it ends.

use super::classify::Strictness;
use super::cut::{Kind, Piece, Role};
use super::junk::{heads_other_articles, is_entry_date, Junk};
use super::person::{find_separator, looks_like_name};
use crate::text::names::name_key;

/// How many lines after a presenter are held as possible framing while waiting for a
/// guest list; past that the listing has no guests and those lines are not its own.
const POST_LOOKAHEAD: usize = 30;
/// Text lines after a guest block read for a presenter named in prose.
const AFTER_LOOKAHEAD: usize = 4;
/// A line of more words than this is a paragraph, and one of more than
/// [`SENTENCE_WORDS`] that ends with a full stop.
const PARAGRAPH_WORDS: usize = 25;
const SENTENCE_WORDS: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum GuestsFound {
    No,
    /// Under a guest label.
    Labelled,
    /// Billing lines right after the presenter, no label.
    AfterPresenter,
    /// Billing lines with neither label nor presenter.
    Unlabelled,
}

/// One line of a guest block. `flatten`: it may hold several guests.
#[derive(Debug)]
pub(super) struct GuestLine<'a> {
    pub text: &'a str,
    pub flatten: bool,
    /// The line under a name-only line, in the two-line layout.
    pub affiliation: Option<&'a str>,
}

#[derive(Debug)]
pub(super) struct Found<'a> {
    /// Lines before the first label: title and framing.
    pub pre: Vec<&'a str>,
    /// Framing between the presenter and the guests ("Presented by …" first).
    pub post: Vec<&'a str>,
    /// The text after each presenter label.
    pub presenters: Vec<&'a str>,
    pub guests: Vec<GuestLine<'a>>,
    pub how: GuestsFound,
    /// The index of the first piece not part of this listing.
    pub end: usize,
    /// A few text lines right after the guest block, where a page may name its
    /// presenter ("… back hosting next week", "Hosted by …"): read for that only.
    pub after: Vec<&'a str>,
    /// A directory's lines about the show before its list of episodes (its name, its
    /// blurb): read for the presenter only.
    pub header: Vec<&'a str>,
}

impl Found<'_> {
    pub(super) fn anchored(&self) -> bool {
        !self.presenters.is_empty() || self.how != GuestsFound::No
    }
}

/// Reads one listing from `pieces[start..]`. `first`: the listing being imported,
/// where a soft junk line between title and framing is skipped and billing lines may
/// be taken as guests without any label; further listings are only looked for by
/// their labels, and any junk line starts their search for a title afresh.
pub(super) fn listing<'a>(pieces: &[Piece<'a>], start: usize, first: bool) -> Found<'a> {
    let mut f = Found {
        pre: Vec::new(),
        post: Vec::new(),
        presenters: Vec::new(),
        guests: Vec::new(),
        how: GuestsFound::No,
        end: start,
        after: Vec::new(),
        header: Vec::new(),
    };
    // A directory lists its episodes each under a line of its date and length: the
    // first such line ends the show's header, the next one this episode.
    let listed = first
        && pieces[start..]
            .iter()
            .filter(|p| p.kind == Kind::Junk(Junk::Soft) && is_entry_date(p.text))
            .take(2)
            .count()
            == 2;
    let mut entries = 0;
    let mut show_presenters = Vec::new();
    let mut post: Vec<&str> = Vec::new();
    // How many text lines followed the presenter before the first junk line.
    let mut junk_after_presenter: Option<usize> = None;
    let mut presenter_end = start;
    let mut i = start;
    while i < pieces.len() {
        let p = pieces[i];
        match p.kind {
            Kind::Blank => i += 1,
            Kind::Boundary => {
                if f.anchored() || (first && !f.pre.is_empty()) {
                    break;
                }
                f.pre.clear();
                i += 1;
            }
            Kind::Junk(kind) => {
                if listed && is_entry_date(p.text) {
                    if entries > 0 && has_paragraph(&f.pre) {
                        break;
                    }
                    // Under a paragraph, the date line closes its episode (the date
                    // under each blurb): the first episode ends here.
                    let closes = pieces[start..i]
                        .iter()
                        .rev()
                        .find(|q| q.kind != Kind::Blank)
                        .is_some_and(|q| q.kind == Kind::Text && has_paragraph(&[q.text]));
                    if entries == 0 && closes && f.how == GuestsFound::No {
                        break;
                    }
                    if entries == 0 {
                        // The show's header: its name, blurb and host ("Hosted by X,
                        // Show is …"), who presents unless the episode names another.
                        f.header = std::mem::take(&mut f.pre);
                        f.header.append(&mut post);
                        show_presenters = std::mem::take(&mut f.presenters);
                    }
                    entries += 1;
                }
                if first
                    && f.presenters.is_empty()
                    && has_paragraph(&f.pre)
                    && heads_other_articles(p.text)
                {
                    // "Related episodes" under a listing told in prose: the listing
                    // ends here; what follows are other articles.
                    break;
                }
                if f.presenters.is_empty() && (kind == Junk::Hard || !first) {
                    f.pre.clear();
                }
                if !f.presenters.is_empty() {
                    junk_after_presenter.get_or_insert(post.len());
                }
                i += 1;
            }
            Kind::Label {
                role: Role::Presenter,
                rest,
            } => {
                if !post.is_empty() {
                    // A second presenter after text: the next listing's. This one had
                    // no guests.
                    i = presenter_end;
                    post.clear();
                    break;
                }
                let (rest, next) = presenter_text(pieces, i, rest);
                f.presenters.push(rest);
                i = next;
                presenter_end = i;
            }
            Kind::Label {
                role: Role::Guests,
                rest,
            } => {
                let next = next_non_blank(pieces, i + 1);
                if rest.is_empty()
                    && pieces.get(next).is_some_and(|p| {
                        matches!(
                            p.kind,
                            Kind::Label {
                                role: Role::Guests,
                                ..
                            }
                        )
                    })
                {
                    // "Featuring Guests:" cut in two: the second heads the block.
                    i = next;
                    continue;
                }
                let mut end = guest_block(pieces, i, rest, &mut f.guests);
                if f.guests.is_empty()
                    && rest.is_empty()
                    && pieces.get(end).is_some_and(|p| {
                        matches!(
                            p.kind,
                            Kind::Label {
                                role: Role::Presenter,
                                ..
                            }
                        )
                    })
                {
                    // "Contributors" over "Presenter:" / X, "Panellist:" / A: a heading
                    // over the labels, not a guest block of its own.
                    i += 1;
                    continue;
                }
                // "Contributors: A – … B – … [a second segment] Contributor: C – …" in
                // one paragraph: one episode's segments, each with its guests.
                while let Some(Kind::Label {
                    role: Role::Guests,
                    rest,
                }) = pieces.get(end).map(|p| p.kind)
                {
                    // Or a label repeated over each guest ("Panellist:" / name,
                    // "Panellist:" / name), as listings archives give them.
                    let repeated =
                        pieces[end].text.eq_ignore_ascii_case(pieces[i].text) && rest.is_empty();
                    // "Also Featured": more of this episode's guests.
                    let also = pieces[end].text.to_lowercase().starts_with("also ");
                    if !repeated && !also && !pieces[i + 1..=end].iter().all(|p| p.joined) {
                        break;
                    }
                    end = guest_block(pieces, end, rest, &mut f.guests);
                }
                i = end;
                f.how = GuestsFound::Labelled;
                f.post = std::mem::take(&mut post);
                i = trailing_presenter(pieces, i, &mut f);
                break;
            }
            Kind::Text if !f.presenters.is_empty() => {
                if p.fit.allows(Strictness::AfterPresenter) {
                    i = inferred_block(pieces, i, Strictness::AfterPresenter, &mut f.guests);
                    f.how = GuestsFound::AfterPresenter;
                    f.post = std::mem::take(&mut post);
                    break;
                }
                post.push(p.text);
                if post.len() > POST_LOOKAHEAD {
                    i = presenter_end;
                    post.clear();
                    break;
                }
                i += 1;
            }
            Kind::Text => {
                if first {
                    // "Name" / "Affiliation" pairs with their heading lost: two in a
                    // row are a guest list.
                    let mut pairs = Vec::new();
                    if let Some(end) = two_line_block(pieces, i, &mut pairs) {
                        let billed = |g: &GuestLine| {
                            g.affiliation
                                .is_some_and(|a| a.split_whitespace().any(super::person::is_role))
                        };
                        if pairs.len() >= 2 && pairs.iter().all(billed) {
                            f.guests = pairs;
                            f.how = GuestsFound::Unlabelled;
                            i = trailing_presenter(pieces, end, &mut f);
                            break;
                        }
                    }
                }
                if first && unlabelled_block_starts(pieces, i) {
                    i = inferred_block(pieces, i, Strictness::Unlabelled, &mut f.guests);
                    f.how = GuestsFound::Unlabelled;
                    i = trailing_presenter(pieces, i, &mut f);
                    break;
                }
                f.pre.push(p.text);
                i += 1;
            }
        }
    }
    if f.how == GuestsFound::No && !post.is_empty() {
        if let Some(before_junk) = junk_after_presenter {
            // Page text after a presenter with no guests: not this listing's framing;
            // the lines before the page's furniture are ("Today's panelists are …").
            i = presenter_end;
            post.truncate(before_junk);
        }
        f.post = post;
    }
    f.end = i;
    if f.presenters.is_empty() {
        f.presenters = show_presenters;
    }
    if f.how != GuestsFound::No && f.presenters.is_empty() {
        f.after = text_after(pieces, i);
    }
    f
}

/// Whether `lines` hold a paragraph: a listing's framing or its prose, not the titles
/// of a block of other articles.
fn has_paragraph(lines: &[&str]) -> bool {
    lines.iter().any(|l| {
        let words = l.split_whitespace().count();
        words > PARAGRAPH_WORDS || (words > SENTENCE_WORDS && l.trim_end().ends_with('.'))
    })
}

/// Up to [`AFTER_LOOKAHEAD`] text lines from `i`, up to the first piece of any other
/// kind.
fn text_after<'a>(pieces: &[Piece<'a>], mut i: usize) -> Vec<&'a str> {
    let mut out = Vec::new();
    while let Some(p) = pieces.get(i) {
        match p.kind {
            Kind::Blank => {}
            Kind::Text if out.len() < AFTER_LOOKAHEAD => out.push(p.text),
            _ => break,
        }
        i += 1;
    }
    out
}

/// The text of a presenter label; "Presenter:" alone takes the next line if it is a
/// name. Returns it and the index after what was used.
fn presenter_text<'a>(pieces: &[Piece<'a>], i: usize, rest: &'a str) -> (&'a str, usize) {
    if !rest.is_empty() {
        return (rest, i + 1);
    }
    let next = next_non_blank(pieces, i + 1);
    match pieces.get(next) {
        Some(p)
            if p.kind == Kind::Text
                && p.text.len() <= 200
                && super::person::starts_with_name(p.text) =>
        {
            (p.text, next + 1)
        }
        _ => (rest, i + 1),
    }
}

/// A presenter label right after a guest block ("Guests: … / Presenter: …"), for a
/// listing that has none yet.
fn trailing_presenter<'a>(pieces: &[Piece<'a>], i: usize, f: &mut Found<'a>) -> usize {
    if !f.presenters.is_empty() {
        return i;
    }
    let next = next_non_blank(pieces, i);
    match pieces.get(next).map(|p| p.kind) {
        Some(Kind::Label {
            role: Role::Presenter,
            rest,
        }) => {
            let (text, after) = presenter_text(pieces, next, rest);
            f.presenters.push(text);
            after
        }
        _ => i,
    }
}

fn next_non_blank(pieces: &[Piece], mut i: usize) -> usize {
    while pieces.get(i).is_some_and(|p| p.kind == Kind::Blank) {
        i += 1;
    }
    i
}

/// The guest lines under a label: what follows it on its line, then every following
/// line that reads as a guest, blank lines skipped. Returns the index after the last
/// guest line taken.
fn guest_block<'a>(
    pieces: &[Piece<'a>],
    i: usize,
    rest: &'a str,
    out: &mut Vec<GuestLine<'a>>,
) -> usize {
    if !rest.is_empty() {
        out.push(GuestLine {
            text: rest,
            flatten: true,
            affiliation: None,
        });
    } else if let Some(end) = two_line_block(pieces, i + 1, out) {
        return end;
    }
    let end = take_lines(pieces, i + 1, Strictness::Labelled, out);
    // A list that is a single line may be a flattened one.
    if out.len() == 1 {
        out[0].flatten = true;
    }
    end
}

fn inferred_block<'a>(
    pieces: &[Piece<'a>],
    i: usize,
    how: Strictness,
    out: &mut Vec<GuestLine<'a>>,
) -> usize {
    take_lines(pieces, i, how, out)
}

fn take_lines<'a>(
    pieces: &[Piece<'a>],
    mut j: usize,
    how: Strictness,
    out: &mut Vec<GuestLine<'a>>,
) -> usize {
    let mut end = j;
    let taken = out.len();
    let first = j;
    while j < pieces.len() {
        match pieces[j].kind {
            Kind::Blank => j += 1,
            // A photo's credit between two guests ("Photo: Jo Roe/Reuters"): the
            // caption of a guest's picture, not the end of the list.
            Kind::Junk(Junk::Soft) if super::classify::is_picture_credit(pieces[j].text) => j += 1,
            // In a block, a line of the same shape as the one before it, if weaker.
            Kind::Text
                if pieces[j].fit.allows(how)
                    || (how == Strictness::Unlabelled
                        && pieces[j].fit.allows(Strictness::AfterPresenter)
                        && (j == first
                            || (out.len() > taken
                                && out
                                    .last()
                                    .is_some_and(|l| same_separator(l.text, pieces[j].text))))) =>
            {
                let text = pieces[j].text;
                // Long lines, or several dashes, may be a whole list on one line.
                let dashes = [" – ", " — ", " - "]
                    .iter()
                    .map(|d| text.matches(d).count())
                    .sum::<usize>();
                out.push(GuestLine {
                    affiliation: None,
                    text,
                    flatten: text.len() > 300 || dashes >= 3,
                });
                j += 1;
                end = j;
            }
            _ => break,
        }
    }
    end
}

/// The layout of BBC and The Stream pages: each guest's name alone on a line, an
/// optional `@handle` line, then the affiliation on the next line. Taken only when
/// the block starts that way, so a heading after a one-line list is not paired with
/// the paragraph under it.
fn two_line_block<'a>(
    pieces: &[Piece<'a>],
    mut j: usize,
    out: &mut Vec<GuestLine<'a>>,
) -> Option<usize> {
    let mut end = None;
    loop {
        let name_at = next_non_blank(pieces, j);
        let name = match pieces.get(name_at) {
            Some(p) if p.kind == Kind::Text => without_handle(p.text),
            _ => return end,
        };
        if find_separator(name, true).is_some() || !looks_like_name(name, 2) {
            return end;
        }
        let mut aff_at = next_non_blank(pieces, name_at + 1);
        if pieces.get(aff_at).is_some_and(|p| is_handle(p.text)) {
            aff_at = next_non_blank(pieces, aff_at + 1);
        }
        match pieces.get(aff_at) {
            Some(p) if p.kind == Kind::Text && is_affiliation_line(p.text) => {
                out.push(GuestLine {
                    text: name,
                    flatten: false,
                    affiliation: Some(p.text),
                });
                j = aff_at + 1;
                end = Some(j);
            }
            _ => return end,
        }
    }
}

/// "Jane Doe, @janedoe", "Jane Doe (@janedoe)": the name without the handle after it.
fn without_handle(line: &str) -> &str {
    let Some(at) = line.find(" @").or_else(|| line.find(" (@")) else {
        return line;
    };
    let handle = line[at..].trim().trim_matches(['(', ')']);
    if is_handle(handle) {
        line[..at].trim_end().trim_end_matches(',')
    } else {
        line
    }
}

fn is_handle(line: &str) -> bool {
    line.starts_with('@') && !line.contains(' ') && line.len() > 1
}

fn is_affiliation_line(line: &str) -> bool {
    line.len() <= 300
        && line.chars().any(char::is_alphabetic)
        && !line.ends_with('?')
        && !looks_like_name(line, 2)
}

/// Two billing lines in a row with no label: a guest list whose label was lost.
/// Whether two billing lines join name and billing alike (", " / " – " / " (").
fn same_separator(a: &str, b: &str) -> bool {
    let sep = |t: &str| {
        let mut at = t.len().min(80);
        while !t.is_char_boundary(at) {
            at -= 1;
        }
        let t = &t[..at];
        [", ", " – ", " — ", " - ", " (", " | "]
            .iter()
            .filter_map(|s| t.find(s).map(|at| (at, *s)))
            .min()
            .map(|(_, s)| s)
    };
    sep(a).is_some() && sep(a) == sep(b)
}

fn unlabelled_block_starts(pieces: &[Piece], i: usize) -> bool {
    let strong = pieces[i].fit.allows(Strictness::Unlabelled);
    // "Ada Finch, doctor" over "Tom Wu, health economist": a weaker line of the same
    // shape starts the block the line under it makes.
    if !strong && !pieces[i].fit.allows(Strictness::AfterPresenter) {
        return false;
    }
    let next = next_non_blank(pieces, i + 1);
    // The same person twice is a caption repeated, not a panel.
    let name = |t: &str| name_key(super::person::split_billing(t, true).name);
    match pieces.get(next) {
        Some(p) if p.kind == Kind::Text => {
            p.fit.allows(Strictness::Unlabelled)
                && name(p.text) != name(pieces[i].text)
                && (strong || same_separator(p.text, pieces[i].text))
        }
        Some(_) if !strong => false,
        Some(p) => matches!(
            p.kind,
            Kind::Label {
                role: Role::Presenter,
                ..
            }
        ),
        None => false,
    }
}
