//! A show's page around its episode: the show's name in front of the title ("At Issue
//! – Your questions answered", when "At Issue" is a line of the page too), and further
//! episodes listed under it, titled like the first ("… | UpFront").

use super::cut::{Kind, Piece};
use super::person::{looks_like_name, strip_bullet};
use super::title::strip_suffixes;
use crate::text::names::name_key;

/// The title without the show's names in front ("Comedy on Radio 4 - The News Quiz -
/// 15th September"), and the last of them.
pub(super) fn strip_shows<'a>(
    title: &'a str,
    text: &str,
    pieces: &[Piece],
) -> (&'a str, Option<&'a str>) {
    let (mut t, mut show) = (title, None);
    for _ in 0..3 {
        match strip_show(t, text, pieces) {
            (rest, Some(s)) => {
                t = rest;
                show = Some(s);
            }
            _ => break,
        }
    }
    (t, show)
}

/// The title without a show's name in front, and that name, when the page has the
/// name on a line of its own, or elsewhere in its text when it is not a person's name.
fn strip_show<'a>(title: &'a str, text: &str, pieces: &[Piece]) -> (&'a str, Option<&'a str>) {
    let cut = title
        .char_indices()
        .take(60)
        .find(|&(i, c)| matches!(c, ':' | '–' | '—' | '|') || title[i..].starts_with(" - "));
    let Some((at, c)) = cut else {
        return (title, None);
    };
    let show = title[..at].trim();
    let rest = title[at + c.len_utf8()..]
        .trim_start_matches(['-', ' '])
        .trim();
    if show.is_empty() || rest.chars().count() < 3 {
        return (title, None);
    }
    let on_its_own = pieces.iter().any(|p| {
        matches!(p.kind, Kind::Text | Kind::Junk(_)) && p.text.trim().eq_ignore_ascii_case(show)
    });
    // "At Issue - Your questions answered" on a page that says "this week on At Issue"
    // (not only where it repeats the title); never "Mo Ibrahim: What makes a good
    // leader?".
    let elsewhere = show.split_whitespace().count() <= 5
        && !looks_like_name(show, 2)
        && show.starts_with(char::is_uppercase)
        && text.matches(show).count() > text.matches(title).count();
    let named = on_its_own || elsewhere;
    if named {
        (rest, Some(show))
    } else {
        (title, None)
    }
}

/// A title "Show: Question?" or "Show – Question?" whose front names no one on the
/// listing (`people`): (show, question). The front is a few capitalised words with no
/// digits ("Crossfire Hour", "The Heat"), the rest one question that starts with a
/// capital; "Mo Ibrahim: What makes a leader?" keeps its guest, "Talks in Istanbul –
/// will they hold?" and "Episode 212: …" stay whole.
pub(super) fn show_before_question<'a>(
    title: &'a str,
    people: &[&str],
) -> Option<(&'a str, &'a str)> {
    let (at, c) = title
        .char_indices()
        .take(50)
        .find(|&(i, c)| matches!(c, ':' | '–' | '—' | '|') || title[i..].starts_with(" - "))?;
    let show = title[..at].trim();
    let rest = title[at + c.len_utf8()..]
        .trim_start_matches(['-', ' '])
        .trim();
    let words: Vec<&str> = show.split_whitespace().collect();
    let show_like = (1..=4).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            !w.contains(|c: char| c.is_ascii_digit())
                && (w.starts_with(char::is_uppercase)
                    || matches!(*w, "the" | "of" | "and" | "on" | "&"))
        });
    let question = rest.starts_with(char::is_uppercase)
        && rest.ends_with('?')
        && rest.split_whitespace().count() >= 3
        && !rest.contains([':', '–', '—', '|'])
        && !rest.contains(" - ");
    let key = name_key(show);
    let someone = people.iter().any(|p| {
        let p = name_key(p);
        p == key || (p.len() > 3 && (key.contains(&p) || p.contains(&key)))
    });
    (show_like && question && !someone).then_some((show, rest))
}

/// Titles of the episodes a directory lists after the one imported: the line under
/// each line of date and length from `from` on.
pub(super) fn listed_after(pieces: &[Piece], from: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut after_date = false;
    for p in pieces.iter().skip(from) {
        match p.kind {
            Kind::Blank => {}
            Kind::Junk(_) if super::junk::is_entry_date(p.text) => after_date = true,
            Kind::Text if after_date => {
                if p.text.chars().count() <= 200 {
                    out.push(strip_suffixes(strip_bullet(p.text.trim())));
                }
                after_date = false;
            }
            _ => after_date = false,
        }
    }
    out
}

/// Titles of the other episodes on the page: lines that end with the same show name as
/// the line the title was read from.
pub(super) fn more_episodes(pieces: &[Piece], title: &str) -> Vec<String> {
    let raw = |p: &Piece| strip_bullet(p.text.trim()).to_string();
    let Some(line) = pieces
        .iter()
        .filter(|p| p.kind == Kind::Text && p.text.len() <= 300)
        .map(raw)
        .find(|l| strip_suffixes(l) == title && l.len() > title.len())
    else {
        return Vec::new();
    };
    // The show's name after the title; a line whose name came off the front
    // ("Show: title") has none, and the title's length is no boundary in it.
    let Some(suffix) = line.strip_prefix(title) else {
        return Vec::new();
    };
    let suffix = suffix.trim().to_lowercase();
    let mut out: Vec<String> = Vec::new();
    for p in pieces
        .iter()
        .filter(|p| p.kind == Kind::Text && p.text.len() <= 300)
    {
        let l = raw(p);
        let stripped = strip_suffixes(&l);
        if stripped != title
            && l.len() > stripped.len()
            && l[stripped.len()..].trim().to_lowercase() == suffix
            && !out.contains(&stripped)
        {
            out.push(stripped);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::cut::pieces;

    #[test]
    fn the_shows_name_comes_off_when_the_page_names_the_show() {
        let page = "Harbour Talk\nHarbour Talk: Who owns the fishing grounds?\nQuotas fell.";
        let p = pieces(page);
        assert_eq!(
            strip_shows("Harbour Talk: Who owns the fishing grounds?", page, &p),
            ("Who owns the fishing grounds?", Some("Harbour Talk"))
        );
        let page = "Gaza: the forgotten war\nAid has stopped in Gaza.";
        assert_eq!(
            strip_shows("Gaza: the forgotten war", page, &pieces(page)),
            ("the forgotten war", Some("Gaza"))
        );
        let page = "Ada Moe: Why I left\nAda Moe talks about leaving.";
        assert_eq!(
            strip_shows("Ada Moe: Why I left", page, &pieces(page)),
            ("Ada Moe: Why I left", None)
        );
        let page =
            "Radio 9 comedy - The Quiz Hour - 15th May\nThe Quiz Hour is back.\nRadio 9 comedy";
        assert_eq!(
            strip_shows(
                "Radio 9 comedy - The Quiz Hour - 15th May",
                page,
                &pieces(page)
            ),
            ("15th May", Some("The Quiz Hour"))
        );
    }

    #[test]
    fn a_shows_name_comes_off_a_question_unless_it_names_someone() {
        let people = ["Ada Moe", "Ines Marlow"];
        for (title, show) in [
            (
                "Crossfire Hour: Who pays for the sea wall?",
                "Crossfire Hour",
            ),
            ("The Night Desk – Can the ferries run?", "The Night Desk"),
            ("Portside - Is the harbour too small?", "Portside"),
        ] {
            assert_eq!(
                show_before_question(title, &people).map(|(s, _)| s),
                Some(show),
                "{title}"
            );
        }
        for title in [
            "Ada Moe: Why did I leave the council?",
            "Marlow: Who pays for the sea wall?",
            "Talks in Istanbul – will they hold?",
            "Episode 212: Can the port survive?",
            "Ferries - Harbour talks: what next?",
            "The sea wall: a history",
        ] {
            assert_eq!(show_before_question(title, &people), None, "{title}");
        }
    }

    #[test]
    fn episodes_titled_like_the_first_are_more_episodes() {
        let p = pieces(
            "Who owns the sea? | Harbour Talk\nBlurb.\n• Are ports too slow? | Harbour Talk\n\
             Another blurb.\nWho owns the sea? | Harbour Talk\nRelated: Why now? | Other Show",
        );
        assert_eq!(
            more_episodes(&p, "Who owns the sea?"),
            ["Are ports too slow?"]
        );
        assert!(more_episodes(&p, "A title with no show").is_empty());
    }
}
