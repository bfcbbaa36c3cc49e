//! A show's page around its episode: the show's name in front of the title ("At Issue
//! – Your questions answered", when "At Issue" is a line of the page too), and further
//! episodes listed under it, titled like the first ("… | UpFront").

use super::cut::{Kind, Piece};
use super::person::{looks_like_name, strip_bullet};
use super::title::strip_suffixes;

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
