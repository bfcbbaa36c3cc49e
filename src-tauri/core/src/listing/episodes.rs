//! A show's page around its episode: the show's name in front of the title ("At Issue
//! – Your questions answered", when "At Issue" is a line of the page too), and further
//! episodes listed under it, titled like the first ("… | UpFront").

use super::cut::{Kind, Piece};
use super::person::strip_bullet;
use super::title::strip_suffixes;

/// The title without a show's name in front, and that name, when the page has the
/// name on a line of its own.
pub(super) fn strip_show<'a>(title: &'a str, pieces: &[Piece]) -> (&'a str, Option<&'a str>) {
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
    let named = pieces.iter().any(|p| {
        matches!(p.kind, Kind::Text | Kind::Junk(_)) && p.text.trim().eq_ignore_ascii_case(show)
    });
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
    let suffix = line[title.len()..].trim().to_lowercase();
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
            strip_show("Harbour Talk: Who owns the fishing grounds?", &p),
            ("Who owns the fishing grounds?", Some("Harbour Talk"))
        );
        let p = pieces("Gaza: the forgotten war\nAid has stopped.");
        assert_eq!(
            strip_show("Gaza: the forgotten war", &p),
            ("Gaza: the forgotten war", None)
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
