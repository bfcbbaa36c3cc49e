//! Stage 4: the draft. The presenter and the guests are chosen among the candidates
//! by their evidence (guests all from one reading of the text, never mixed), then
//! everything is bounded to the core's limits, with a warning for what the producer
//! should check.

use super::candidates::{Candidate, Candidates, Evidence, FALLBACK_FAMILY};
use super::clean::{bound, collapse, Warnings};
use super::cut::Piece;
use super::layout::{self, Found, GuestsFound};
use super::{episodes, person, title, ListingDraft, ParsedPerson};
use super::{HONORIFIC_LEN, MAX_FRAMING, MAX_GUESTS, MAX_OTHER_LISTINGS, MAX_PRESENTERS};
use crate::text::{limits, names::name_key};

pub(super) fn build(
    text: &str,
    pieces: &[Piece],
    found: &Found,
    people: Candidates,
) -> ListingDraft {
    let mut w = Warnings::default();

    let mut draft = ListingDraft::default();
    let (title, framing) = title::title_and_framing(&found.pre, MAX_FRAMING + 1);
    draft.title = match title {
        Some(t) if !t.is_empty() => {
            let (t, show) = episodes::strip_shows(&t, text, pieces);
            if let Some(show) = show {
                w.push(format!(
                    "\"{show}\" (the show's name) was taken off the front of the title"
                ));
                draft.series = Some(collapse(show));
            }
            bound(collapse(t), limits::TITLE, "The title", &mut w)
        }
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
                w.push("Title missing: no line reads as this episode's title; type one in");
            }
            String::new()
        }
    };
    draft.framing = framing_of(framing, &found.post, &mut w);
    draft.presenters = presenters_of(&people, &mut w);
    draft.presenter = draft.presenters.first().cloned();
    if let Some((show, topic)) = draft
        .presenter
        .as_ref()
        .and_then(|p| show_with_presenter(&draft.title, &p.name))
    {
        // "The Point with Liu Xin – On Sweden and NATO": the show, named with its
        // presenter, in front of the topic.
        w.push(format!(
            "\"{show}\" (the show's name) was taken off the front of the title"
        ));
        draft.series.get_or_insert_with(|| show.to_string());
        draft.title = topic.to_string();
    }
    let (guests, evidence) = choose_guests(&people);
    draft.guests = guests_of(guests, evidence, found.how, people.flattened, &mut w);
    if let Some(first) = draft.presenters.first_mut() {
        // "Sofia and a panel look at …" on a page that says "Harbour Hour with Sofia
        // Marquez" elsewhere: the presenter's full name.
        if let Some(full) = full_name(text, &first.name, &draft.guests) {
            first.name = full;
            draft.presenter = Some(first.clone());
        }
    }
    let named: Vec<&str> = (draft.guests.iter().chain(&draft.presenters))
        .map(|p| p.name.as_str())
        .collect();
    if let Some((show, question)) = episodes::show_before_question(&draft.title, &named) {
        w.push(format!(
            "\"{show}\" (the show's name) was taken off the front of the title"
        ));
        draft.series = Some(show.to_string());
        draft.title = question.to_string();
    }
    if evidence == Some(Evidence::Profile) && !draft.title.is_empty() {
        // A newspaper's guide to tonight's panel: its headline ("Who's on the panel
        // tonight?") is the article's, not the episode's.
        w.push(format!(
            "\"{}\" heads a guide to the panel, not the episode: type the episode's title in",
            draft.title
        ));
        draft.title.clear();
        draft.series = None;
    }
    if !found.anchored() && evidence.is_none_or(|e| e.family() == 0) {
        w.push("No \"Presenter:\" or \"Guests:\" label found: check the framing for guest lines");
    }
    draft.other_listings = other_listings(pieces, found.end, &mut w);
    if draft.other_listings.is_empty() && !draft.title.is_empty() {
        let mut more = episodes::more_episodes(pieces, &draft.title);
        if more.is_empty() {
            more = episodes::listed_after(pieces, found.end);
        }
        if !more.is_empty() {
            w.push(format!(
                "The page lists {} more episode{}: only the first is imported",
                more.len(),
                if more.len() == 1 { "" } else { "s" }
            ));
            let mut quiet = Warnings::default();
            draft.other_listings = more
                .into_iter()
                .take(MAX_OTHER_LISTINGS)
                .map(|t| bound(collapse(&t), limits::TITLE, "", &mut quiet))
                .collect();
        }
    }
    draft.warnings = w.finish();
    draft
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

/// A guest host first (the usual presenter they stand in for left out), then the
/// labelled presenters; a presenter named in prose only when no label names one.
fn presenters_of(people: &Candidates, w: &mut Warnings) -> Vec<ParsedPerson> {
    let by = |e: Evidence| people.presenters.iter().filter(move |c| c.evidence == e);
    let stood_in = |c: &&Candidate| {
        !people
            .stood_in_for
            .iter()
            .any(|s| name_key(s) == name_key(&c.name))
    };
    let mut chosen: Vec<&Candidate> = by(Evidence::GuestHost)
        .chain(by(Evidence::PresenterLabel))
        .filter(stood_in)
        .collect();
    if chosen.is_empty() {
        // "Andy and the panel …" then "… joined Andy Zaltzman": the full name the text
        // gives for a presenter named by first name.
        let first = by(Evidence::Prose).next();
        let fuller = first.and_then(|f| {
            by(Evidence::Prose).find(|c| {
                c.name.len() > f.name.len() && c.name.starts_with(&format!("{} ", f.name))
            })
        });
        chosen.extend(fuller.or(first));
    }
    let mut out: Vec<ParsedPerson> = Vec::new();
    for c in chosen {
        if let Some(p) = person_of(c, "presenter", w) {
            if !out.iter().any(|o| name_key(&o.name) == name_key(&p.name)) {
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

/// The full name the text gives for a person named by one word (`given`): the first
/// "Given Surname …" in it that reads as a name and is no guest's.
fn full_name(text: &str, given: &str, guests: &[ParsedPerson]) -> Option<String> {
    if given.contains(char::is_whitespace) || !person::looks_like_name(given, 1) {
        return None;
    }
    for (at, _) in text.match_indices(given) {
        if text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let after = &text[at + given.len()..];
        let after = &after[..after.find('\n').unwrap_or(after.len())];
        if !after.starts_with(' ') {
            continue;
        }
        // The name words after the given name, up to a punctuation mark or a word that
        // is not a name's.
        let mut end = 0;
        let mut pos = 0;
        for w in after.split(' ').skip(1).take(3) {
            pos += 1;
            let bare = w.trim_end_matches([',', '.', ';', ':', ')', '!', '?']);
            if bare.is_empty() || !person::looks_like_name(bare, 1) {
                break;
            }
            end = pos + bare.len();
            pos += w.len();
            if bare.len() < w.len() {
                break;
            }
        }
        if end == 0 {
            continue;
        }
        let full = format!("{given}{}", &after[..end]);
        if person::looks_like_name(&full, 2)
            && !guests.iter().any(|g| name_key(&g.name) == name_key(&full))
        {
            return Some(full);
        }
    }
    None
}

/// A title "show – topic" whose show part names the presenter: (show, topic).
fn show_with_presenter<'a>(title: &'a str, presenter: &str) -> Option<(&'a str, &'a str)> {
    if presenter.split_whitespace().count() < 2 {
        return None;
    }
    let (at, sep) = [" – ", " — ", " - ", ": "]
        .iter()
        .filter_map(|s| title.find(s).map(|k| (k, s.len())))
        .filter(|&(k, _)| title[..k].contains(presenter))
        .min()?;
    let show = &title[..at];
    // "Ledger TV: “The Harbour Hour with Ola Berg”": the quoted name.
    let show = show.find(['“', '"']).map_or(show, |q| &show[q..]);
    let show = show.trim_matches(|c: char| c.is_whitespace() || "\"“”'‘’".contains(c));
    let topic = title[at + sep..].trim();
    (topic.split_whitespace().count() >= 2).then_some((show, topic))
}

/// "A and B", "A, B & C": one item per presenter. A part that is not a name ("Dareen
/// Abughaida, Al Jazeera") stays with the presenter before it, as an affiliation.
pub(super) fn presenter_items(text: &str) -> Vec<&str> {
    // "Bronwen Maddox. Produced by …": the presenter's sentence only.
    let text = match title::sentences(text).first() {
        Some(&(0, b)) => text[..b].trim_end_matches('.'),
        _ => text,
    };
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

/// The guests of the family of candidates with the highest total score, in order,
/// and that family's best evidence.
fn choose_guests(people: &Candidates) -> (Vec<&Candidate>, Option<Evidence>) {
    let mut totals = [0u32; 5];
    for c in &people.guests {
        totals[usize::from(c.evidence.family())] += c.score();
    }
    if totals[..usize::from(FALLBACK_FAMILY)]
        .iter()
        .any(|&t| t > 0)
    {
        totals[usize::from(FALLBACK_FAMILY)] = 0;
    }
    let Some(best) = (0..totals.len())
        .filter(|&f| totals[f] > 0)
        .max_by_key(|&f| (totals[f], std::cmp::Reverse(f)))
    else {
        return (Vec::new(), None);
    };
    let chosen: Vec<&Candidate> = people
        .guests
        .iter()
        .filter(|c| usize::from(c.evidence.family()) == best)
        .collect();
    let evidence = chosen.first().map(|c| c.evidence);
    (chosen, evidence)
}

fn guests_of(
    chosen: Vec<&Candidate>,
    evidence: Option<Evidence>,
    how: GuestsFound,
    flattened: bool,
    w: &mut Warnings,
) -> Vec<ParsedPerson> {
    let layout = evidence.is_some_and(|e| e.family() == 0);
    let mut out: Vec<ParsedPerson> = Vec::new();
    for c in chosen {
        if let Some(p) = person_of(c, "guest", w) {
            if out.iter().any(|o| name_key(&o.name) == name_key(&p.name)) {
                w.push(format!("{} was listed twice; kept once", p.name));
                continue;
            }
            out.push(p);
        }
    }
    // Name-only lines after billed guests are headings the page put under them
    // ("Related Articles" that the junk list does not know), not guests.
    if layout && out.iter().any(|g| g.affiliation.is_some()) {
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
    match how {
        _ if out.is_empty() => w.push("No guests found"),
        _ if !layout => w.push(format!(
            "No guest list: took the {} people named in the text as guests ({}): check them",
            out.len(),
            if evidence == Some(Evidence::Profile) { "profiles" } else { "prose" }
        )),
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
    if flattened && layout {
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
fn person_of(b: &Candidate, role: &str, w: &mut Warnings) -> Option<ParsedPerson> {
    let name = tidy_name(&collapse(&b.name)).to_string();
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
        .as_ref()
        .map(|a| tidy_billing(&collapse(a)).to_string())
        .filter(|a| !a.is_empty())
        .map(|a| bound(a, limits::AFFILIATION, &format!("{name}'s affiliation"), w));
    let honorific = b
        .honorific
        .as_ref()
        .map(|h| collapse(h))
        .filter(|h| !h.is_empty())
        .map(|h| bound(h, HONORIFIC_LEN, &format!("{name}'s honorific"), w));
    Some(ParsedPerson {
        name,
        honorific,
        affiliation,
    })
}

/// A name as a list or a sentence left it: without the sentence's full stop ("… and
/// Jenny Lowe.") unless the last word is an initial or a short form ("John Q.",
/// "Jr."), and without a role word in front ("Anchor Lina Haddad").
fn tidy_name(name: &str) -> &str {
    let mut name = name;
    if let Some(bare) = name.strip_suffix('.') {
        let last = bare.rsplit(' ').next().unwrap_or(bare);
        let short = ["Jr", "Sr", "Jnr", "Snr", "St"].contains(&last);
        if last.chars().count() > 1 && !short && !last.contains('.') {
            name = bare;
        }
    }
    let roles = [
        "Anchor ",
        "Host ",
        "Presenter ",
        "Moderator ",
        "Chair ",
        "Interviewer ",
    ];
    match roles.iter().find_map(|r| name.strip_prefix(r)) {
        Some(rest) if person::looks_like_name(rest, 2) => rest,
        _ => name,
    }
}

/// A billing without the separators a list left after it ("Radio West, .").
fn tidy_billing(a: &str) -> &str {
    let a = a.trim_end();
    if a.ends_with([',', ';']) || a.ends_with(" .") || a.ends_with(",.") {
        return a.trim_end_matches([',', ';', '.', ' ']);
    }
    // The sentence's full stop, not a short form's ("Ltd.", "U.S.").
    match a.strip_suffix('.') {
        Some(bare)
            if bare
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.chars().count() > 3 && !w.contains('.')) =>
        {
            bare
        }
        _ => a,
    }
}

fn in_capitals(name: &str) -> bool {
    let cased = name.chars().filter(|c| c.is_uppercase()).count();
    cased >= 3 && !name.chars().any(char::is_lowercase)
}

/// Titles of the listings after the first, found by their labels.
fn other_listings(pieces: &[Piece], mut at: usize, w: &mut Warnings) -> Vec<String> {
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
