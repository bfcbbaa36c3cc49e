//! Which line before the labels is the episode's title. A pasted listing starts with
//! it; a page from a podcast directory or a show's site starts with the site's
//! furniture ("40 episodes", "Cover image of …", "Discover") and gives the episode's
//! title further down, often with the show's name after it ("… | UpFront"). Each of
//! the first lines is scored; the first line wins unless it looks like furniture or a
//! sentence and a later line looks like a title.

use super::person::strip_bullet;
use super::title::{sentences, strip_suffixes};

/// How many lines are looked at.
const LOOK: usize = 15;
/// Below this no line is taken as the title: the page names none.
const LEAST: i32 = 2;

/// The index of the title line in `lines`, if one reads as a title.
pub(super) fn title_line(lines: &[&str]) -> Option<usize> {
    let mut best: Option<(i32, usize)> = None;
    for (i, line) in lines.iter().enumerate().take(LOOK) {
        let mut s = score(line, i == 0);
        let next = lines.get(i + 1).map_or(0, |n| n.len());
        if next > 150 && line.len() <= 100 && !line.ends_with('.') && s > -4 {
            // A heading over a paragraph: an episode's title over its blurb.
            s += 3;
        }
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, i));
        }
    }
    best.filter(|&(s, _)| s >= LEAST).map(|(_, i)| i)
}

fn score(line: &str, first: bool) -> i32 {
    let line = strip_bullet(line.trim());
    let chars = line.chars().count();
    let stripped = strip_suffixes(line);
    let mut s = if first { 6 } else { 0 };
    if chars > 300 {
        // A paragraph: the title code reads a leading question out of it.
        return if first { s } else { -10 };
    }
    let question = stripped
        .trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with('?');
    if question {
        s += 3;
    }
    if stripped.len() < line.len() {
        // "… | UpFront": an episode's title with its show's name.
        s += 5;
    }
    let words = line.split_whitespace().count();
    if furniture(line) {
        s -= 8;
    } else if words <= 3 && !question && !line.contains(':') {
        s -= 4;
    }
    // Sentences of a few words ("Ep. 45 – …") do not make a line prose.
    let sentence_count = sentences(line)
        .iter()
        .filter(|&&(a, b)| line[a..b].split_whitespace().count() >= 4)
        .count();
    if !question && (sentence_count >= 2 || (words >= 10 && line.ends_with('.'))) {
        // Prose: a blurb or a paragraph, not a title.
        s -= 7;
    }
    s
}

/// Words of a page's furniture that a title never has.
fn furniture(line: &str) -> bool {
    const WORDS: &[&str] = &[
        "episodes",
        "episodios",
        "épisodes",
        "ratings",
        "logo",
        "icon",
        "cover image",
        "podcast cover",
        "advanced search",
        "premium content",
        "filtrer",
        "claim ownership",
        "discover",
        "tags:",
        "webvtt",
        "sign in",
        "log in",
        "menu",
        "copyright",
        "rss feed",
        "subscribed:",
        "standing in for",
    ];
    let lower = line.to_lowercase();
    // "Home » Programmes » Harbour Hour": a breadcrumb trail.
    if line.contains(['»', '›']) {
        return true;
    }
    // "Intelligence Squared show": a directory's name for a show's page.
    line.len() <= 80 && (WORDS.iter().any(|w| lower.contains(w)) || lower.ends_with(" show"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_is_the_title_of_a_pasted_listing() {
        let lines = [
            "Gaza – The Forgotten War",
            "Aid has not reached the north for weeks.",
            "Can the council act?",
        ];
        assert_eq!(title_line(&lines), Some(0));
        assert_eq!(title_line(&["Siege of Rhodes", "A paragraph."]), Some(0));
    }

    #[test]
    fn directory_furniture_gives_way_to_the_episode() {
        let lines = [
            "Cover art",
            "Harbour Talk",
            "Who owns the fishing grounds?",
            "Quotas were cut again this year, and the boats that are left cannot pay their \
             crews: we hear from the skippers, the buyers and the ministry about what comes next.",
        ];
        assert_eq!(title_line(&lines), Some(2));
        let lines = [
            "52 episodes",
            "Harbour Talk",
            "A weekly show about the sea and the people who work on it.",
            "Who owns the fishing grounds? | Harbour Talk",
            "Quotas were cut again this year.",
        ];
        assert_eq!(title_line(&lines), Some(3));
        let lines = ["Podcast cover", "Why are ports so slow?"];
        assert_eq!(title_line(&lines), Some(1));
        let lines = ["Home » Programmes » Harbour Talk", "Why are ports so slow?"];
        assert_eq!(title_line(&lines), Some(1));
    }

    #[test]
    fn a_blurb_is_no_title() {
        let lines = [
            "We meet the new head of the lifeboat service. Then a poet reads from her new book.",
            "Listen now",
        ];
        assert_eq!(title_line(&lines), None);
        assert_eq!(
            title_line(&["A weekly programme that looks at the week's news from the coast."]),
            None
        );
    }
}
