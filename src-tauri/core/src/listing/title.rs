//! The title and the framing: which line is the title, what is cut off its end, and
//! how framing text becomes items (each paragraph one item, each question its own).

use std::sync::LazyLock;

use regex::Regex;

use super::junk;
use super::person::is_dash;

/// Longest line still taken whole as a title; a longer first line is a paragraph.
const TITLE_LINE: usize = 300;

/// The title and framing items from the lines before the labels. The first line is
/// the title, unless it is a long paragraph: then its first sentence is the title if
/// that is a question (a listing flattened onto one line), else there is no title.
pub(super) fn title_and_framing(lines: &[&str], max_items: usize) -> (Option<String>, Vec<String>) {
    // A line labelled "Title:" is the title wherever it is (an email's greeting and
    // subject come before it).
    let lines = match lines.iter().position(|l| title_label(l).is_some()) {
        Some(k) => &lines[k..],
        None => match super::headline::title_line(lines) {
            Some(k) => &lines[k..],
            None => {
                let mut framing = Vec::new();
                for line in lines {
                    let room = max_items.saturating_sub(framing.len());
                    framing.extend(framing_items(line, room));
                }
                let named = lines.iter().take(6).find_map(|l| named_in_prose(l));
                return (named.map(strip_suffixes), framing);
            }
        },
    };
    let Some((first, rest)) = lines.split_first() else {
        return (None, Vec::new());
    };
    let first = title_label(first).unwrap_or(first);
    let first = super::person::strip_bullet(first);
    let mut framing = Vec::new();
    let title = if first.chars().count() <= TITLE_LINE && !long_tail_after_question(first) {
        Some(first)
    } else {
        let sentences = sentences(first);
        match sentences.first() {
            Some(&(a, b)) if first[a..b].ends_with('?') && b - a <= TITLE_LINE * 4 => {
                let tail = &first[b..];
                framing.extend(framing_items(tail, max_items));
                Some(&first[a..b])
            }
            _ => {
                framing.extend(framing_items(first, max_items));
                named_in_prose(first)
            }
        }
    };
    for line in rest {
        if framing.len() >= max_items {
            break;
        }
        let room = max_items - framing.len();
        framing.extend(framing_items(line, room));
    }
    (title.map(strip_suffixes), framing)
}

/// "Why did X? The US has … (150+ characters)": the title and its framing on one line.
fn long_tail_after_question(line: &str) -> bool {
    match sentences(line).first() {
        Some(&(_, b)) => line[..b].ends_with('?') && line[b..].trim().len() > 150,
        None => false,
    }
}

/// A title the prose names when no line is one: "The episode I'm featuring is ‘Why
/// does …?’", "On the show we ask: Can the ferries survive?".
fn named_in_prose(line: &str) -> Option<&str> {
    static NAMED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i:episode|titled|entitled|called)\b[^‘“\x22.?!]{0,40}[‘“\x22](?P<quoted>[^’”\x22]{10,200})[’”\x22]",
            r"|\b(?i:we ask)\s*:\s*(?P<asked>[^?\n]{10,200}\?)",
        ))
        .unwrap()
    });
    let line = &line[..floor_char(line, 2000)];
    let m = NAMED.captures(line)?;
    let t = m.name("quoted").or(m.name("asked"))?.as_str().trim();
    let t = t.trim_end_matches(['.', ',']);
    let words = t.split_whitespace().count();
    (3..=30).contains(&words).then_some(t)
}

fn floor_char(s: &str, max: usize) -> usize {
    let mut at = max.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn title_label(line: &str) -> Option<&str> {
    ["Title:", "TITLE:", "Title -", "Topic:", "Episode title:"]
        .iter()
        .find_map(|label| line.strip_prefix(label))
        .map(str::trim)
}

/// Removes a show or site name the page appended (" | Inside Story", " – Al Jazeera")
/// or prepended ("Inside Story: …"). A trailing segment goes when it is a known name,
/// follows a question mark, or follows a pipe, and is at most four capitalised words;
/// so "Gaza – The Forgotten War" keeps its second half.
pub(super) fn strip_suffixes(title: &str) -> String {
    let mut t = strip_known_prefix(title.trim());
    // "Can the truce last? - Harbour Hour - Radio Lakeside": after a question, the
    // show's and the site's names, each a few capitalised words.
    if let Some(q) = t.find(['?', '!']) {
        let rest = t[q + 1..].trim();
        let segs: Vec<&str> = rest
            .trim_start_matches(['|', '–', '—', '-', ' '])
            .split(['|', '–', '—'])
            .flat_map(|p| p.split(" - "))
            .map(str::trim)
            .collect();
        let names_only = rest.starts_with(['|', '–', '—', '-'])
            && segs.len() <= 4
            && segs.iter().all(|seg| {
                let words: Vec<&str> = seg.split_whitespace().collect();
                words.len() <= 4
                    && words.iter().all(|w| {
                        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                            || matches!(*w, "the" | "of" | "and" | "to" | "&" | "on")
                    })
            });
        if names_only {
            t = &t[..=q];
        }
    }
    for _ in 0..3 {
        match suffix_cut(t) {
            Some(head) => t = head,
            None => break,
        }
    }
    t.to_string()
}

fn strip_known_prefix(t: &str) -> &str {
    // "147 - Is China a threat?": a directory's episode number.
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=4).contains(&digits) {
        let rest = t[digits..].trim_start();
        if let Some(r) = rest.strip_prefix(['-', '–', '—']) {
            if r.starts_with(' ') && !r.trim().is_empty() {
                return strip_known_prefix(r.trim());
            }
        }
    }
    for (i, c) in t.char_indices().take(45) {
        if matches!(c, '|' | ':') || is_dash(c) {
            let head = &t[..i];
            let tail = t[i + c.len_utf8()..].trim();
            if junk::is_known_site(head) && !tail.is_empty() {
                return tail;
            }
        }
    }
    t
}

fn suffix_cut(t: &str) -> Option<&str> {
    let (at, sep) = t.char_indices().rev().find(|&(i, c)| {
        c == '|' || is_dash(c) || (c == '-' && t[..i].ends_with(' ') && t[i + 1..].starts_with(' '))
    })?;
    let head = t[..at].trim_end();
    let seg = t[at + sep.len_utf8()..].trim();
    if head.is_empty() || seg.is_empty() {
        return None;
    }
    let words: Vec<&str> = seg.split_whitespace().collect();
    let short_name = words.len() <= 4
        && !seg.contains(['?', '!', ':'])
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "the" | "of" | "and" | "to" | "&" | "on")
        });
    // "… | File Type: video/mp4 | Duration: 1465": a directory's details.
    let details = seg.split_once(':').is_some_and(|(key, _)| {
        const KEYS: &[&str] = &[
            "file type",
            "duration",
            "length",
            "size",
            "runtime",
            "published",
            "date",
            "format",
            "released",
            "episode",
        ];
        KEYS.contains(&key.trim().to_lowercase().as_str())
    });
    if details {
        return Some(head);
    }
    let known = junk::is_known_site(seg);
    let after_question = head.ends_with(['?', '!']);
    (known || (short_name && (after_question || sep == '|'))).then_some(head)
}

/// Framing items of one line: consecutive statements stay one paragraph; each
/// question is its own item, as producers number them in a run-sheet.
pub(super) fn framing_items(line: &str, max: usize) -> Vec<String> {
    let line = super::person::strip_bullet(line.trim());
    let mut items = Vec::new();
    let mut para: Option<(usize, usize)> = None;
    for (a, b) in sentences(line) {
        if items.len() >= max {
            return items;
        }
        if line[a..b].trim_end_matches(CLOSERS).ends_with('?') {
            if let Some((pa, pb)) = para.take() {
                items.push(line[pa..pb].trim().to_string());
                if items.len() >= max {
                    return items;
                }
            }
            items.push(line[a..b].trim().to_string());
        } else {
            para = Some(match para {
                Some((pa, _)) => (pa, b),
                None => (a, b),
            });
        }
    }
    if let Some((pa, pb)) = para {
        if items.len() < max {
            items.push(line[pa..pb].trim().to_string());
        }
    }
    items.retain(|i| i.chars().any(char::is_alphanumeric));
    items
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];

/// Byte spans of the sentences of `line`: a sentence ends at `.`, `?`, `!` or `…`
/// (with any closing quotes) followed by a space and a capital, a digit or an
/// opening quote. "Mr. Putin" and "John F. Kennedy" do not end one.
pub(super) fn sentences(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = line.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !matches!(c, '.' | '?' | '!' | '…' | '؟') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = it.peek() {
            if CLOSERS.contains(&n) || matches!(n, '?' | '!' | '.') {
                end = j + n.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let rest = &line[end..];
        let Some(next) = rest.trim_start().chars().next() else {
            break;
        };
        let starts_new = rest.starts_with(' ')
            && (next.is_uppercase()
                || next.is_ascii_digit()
                || (next.is_alphabetic() && !next.is_lowercase())
                || matches!(next, '"' | '\'' | '“' | '‘' | '«' | '('));
        if starts_new && !(c == '.' && abbreviation_before(&line[start..i])) {
            out.push((start, end));
            start = end + (rest.len() - rest.trim_start().len());
        }
    }
    if start < line.len() && !line[start..].trim().is_empty() {
        out.push((start, line.len()));
    }
    out
}

fn abbreviation_before(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    let bare = word.trim_start_matches(['(', '"', '“']);
    (bare.chars().count() == 1 && bare.chars().all(char::is_uppercase))
        || matches!(
            bare,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Prof"
                | "St"
                | "Gen"
                | "Col"
                | "Lt"
                | "Maj"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Mt"
                | "No"
                | "Jr"
                | "Sr"
                | "vs"
                | "Amb"
                | "Rev"
                | "Capt"
                | "U.S"
                | "U.K"
                | "U.N"
                | "Inc"
                | "Co"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_are_removed() {
        for (t, want) in [
            (
                "Can the truce last? - Harbour Hour - Radio Lakeside",
                "Can the truce last?",
            ),
            (
                "Can the truce last? ask the experts - Harbour Hour",
                "Can the truce last? ask the experts - Harbour Hour",
            ),
            (
                "How to achieve a lasting ceasefire? | Inside Story",
                "How to achieve a lasting ceasefire?",
            ),
            (
                "How to achieve a lasting ceasefire? - Inside Story",
                "How to achieve a lasting ceasefire?",
            ),
            (
                "Is Sudan's war ending? – Al Jazeera",
                "Is Sudan's war ending?",
            ),
            ("Can AI be regulated?| The Stream", "Can AI be regulated?"),
            (
                "Can AI be regulated? | The Stream | Al Jazeera",
                "Can AI be regulated?",
            ),
            (
                "Sudan's forgotten war | Global Voices",
                "Sudan's forgotten war",
            ),
            (
                "Sudan's forgotten war – Al Jazeera English",
                "Sudan's forgotten war",
            ),
            ("Inside Story: Who controls Sudan?", "Who controls Sudan?"),
        ] {
            assert_eq!(strip_suffixes(t), want, "{t}");
        }
    }

    #[test]
    fn a_directorys_details_after_pipes_are_cut() {
        assert_eq!(
            strip_suffixes(
                "Port strike: what next? | Harbour Talk | File Type: audio/mpeg | Duration: 1520"
            ),
            "Port strike: what next?"
        );
    }

    #[test]
    fn a_title_named_in_prose_when_no_line_is_one() {
        let lines = [
            "The Harbour Hour is one of my favourite shows, and I listen every week without fail because the debates are so good.",
            "The episode I'm sharing is ‘Can the ferries survive the strike?’. It is worth an hour of anyone's time and more.",
        ];
        assert_eq!(
            title_and_framing(&lines, 10).0.as_deref(),
            Some("Can the ferries survive the strike?")
        );
        let lines = [
            "Nov 3, 2024 | The port has been closed for a month and the talks have failed twice. On the show we ask: Can the ferries survive the strike? Our panel looks at the options.",
        ];
        assert_eq!(
            title_and_framing(&lines, 10).0.as_deref(),
            Some("Can the ferries survive the strike?")
        );
    }

    #[test]
    fn real_titles_keep_their_dashes() {
        for t in [
            "Gaza – The Forgotten War",
            "Russia - Ukraine talks: what next?",
            "Talks in Istanbul – will they hold?",
            "Trump's tariffs – who wins and who loses in the trade war against China",
            "El-Sayed on Libya",
        ] {
            assert_eq!(strip_suffixes(t), t);
        }
    }

    #[test]
    fn questions_become_their_own_items() {
        let items = framing_items(
            "The US blocked a resolution. It is the fifth veto. So does the veto \
             undermine the council? Even then, can the UN act?",
            40,
        );
        assert_eq!(
            items,
            [
                "The US blocked a resolution. It is the fifth veto.",
                "So does the veto undermine the council?",
                "Even then, can the UN act?"
            ]
        );
        assert_eq!(
            framing_items("Mr. Putin met John F. Kennedy Jr. in 1961. Really?", 40),
            ["Mr. Putin met John F. Kennedy Jr. in 1961.", "Really?"]
        );
        assert_eq!(framing_items("• Is it over?", 40), ["Is it over?"]);
        assert_eq!(framing_items("A? B? C?", 2).len(), 2);
    }

    #[test]
    fn the_title_is_the_first_line_or_a_leading_question() {
        let (t, f) = title_and_framing(&["Why now?", "Because."], 40);
        assert_eq!((t.as_deref(), f.len()), (Some("Why now?"), 1));
        let long = format!(
            "Why did the US veto it? {}",
            "The US has blocked it again. ".repeat(10)
        );
        let (t, f) = title_and_framing(&[long.as_str()], 40);
        assert_eq!(t.as_deref(), Some("Why did the US veto it?"));
        assert_eq!(f.len(), 1);
        let para = "The US has blocked it again. ".repeat(20);
        let (t, f) = title_and_framing(&[para.as_str()], 40);
        assert_eq!((t, f.len()), (None, 1));
        let (t, _) = title_and_framing(&["Title: Who runs Sudan? | Inside Story"], 40);
        assert_eq!(t.as_deref(), Some("Who runs Sudan?"));
    }
}
