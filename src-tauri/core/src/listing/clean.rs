//! Normalising pasted text, and bounding what the parser hands back so a draft always
//! passes the core's own text limits when it is saved.

/// Line endings become `\n`; tabs and the many Unicode spaces a web page uses become a
/// plain space; control characters, zero-width spaces, soft hyphens and stray BOMs are
/// dropped. Bidi marks and joiners stay: they are part of how Arabic and Persian names
/// are written, and the core stores them.
pub(super) fn normalise(text: &str) -> String {
    let out = unglue(normalise_chars(text));
    // "Edward Pearce , Janet Daley": a space before a comma (programme guides that link
    // each name) is dropped.
    if out.contains(" ,") {
        out.replace(" , ", ", ").replace(" ,\n", ",\n")
    } else {
        out
    }
}

/// A line with fewer glue points than this is left alone.
const GLUE_MIN: usize = 3;

/// Spaces put back into a line that lost its markup's breaks: "liberty.WithRichard
/// BourkeProfessor at … LondonRachel Hammersley …". A glue point is a capitalised word
/// that starts right after a lower-case run of two or more letters (not a name's
/// prefix: "MacArthur", "VanDyke") or right after a sentence's mark. Only a line with
/// [`GLUE_MIN`] of them or more is cut, so a "BlackRock" or a "YouTube" in a paragraph
/// stays whole.
fn unglue(text: String) -> String {
    let mut cuts: Vec<usize> = Vec::new();
    let mut line_cuts: Vec<usize> = Vec::new();
    // The current word's lower-case run before this character, and where the word began.
    let mut run = 0usize;
    let mut word_start = 0usize;
    let mut prev: Option<char> = None;
    let mut before_prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        if c == '\n' {
            if line_cuts.len() >= GLUE_MIN {
                cuts.append(&mut line_cuts);
            }
            line_cuts.clear();
        }
        let starts_word = c.is_uppercase() && next.is_some_and(char::is_lowercase);
        if starts_word {
            let after_lower = run >= 2 && prev.is_some_and(char::is_lowercase);
            let prefix = &text[word_start..i];
            let name_prefix = [
                "Mac", "Van", "Von", "Des", "Fitz", "San", "Del", "Dos", "Della",
            ]
            .contains(&prefix);
            let after_mark = prev.is_some_and(|p| matches!(p, '.' | '?' | '!' | ';'))
                && before_prev.is_some_and(char::is_lowercase);
            if (after_lower && !name_prefix) || after_mark {
                line_cuts.push(i);
                word_start = i;
            }
        }
        if c.is_lowercase() {
            run += 1;
        } else {
            run = 0;
        }
        if !c.is_alphabetic() {
            word_start = i + c.len_utf8();
        }
        before_prev = prev;
        prev = Some(c);
    }
    if line_cuts.len() >= GLUE_MIN {
        cuts.append(&mut line_cuts);
    }
    if cuts.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut last = 0;
    for at in cuts {
        out.push_str(&text[last..at]);
        out.push(' ');
        last = at;
    }
    out.push_str(&text[last..]);
    out
}

fn normalise_chars(text: &str) -> String {
    // Most pastes are already clean: printable ASCII and line feeds are copied whole.
    if text
        .bytes()
        .all(|b| b == b'\n' || (0x20..0x7F).contains(&b))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t'
            | '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}' => out.push(' '),
            '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Runs of spaces become one; ends trimmed.
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `value` cut to at most `max` characters (the last one an ellipsis), with a warning
/// naming `what` when it had to be cut.
pub(super) fn bound(value: String, max: usize, what: &str, warnings: &mut Warnings) -> String {
    // Bytes bound characters from above: short values are never walked.
    if value.len() <= max || value.chars().count() <= max {
        return value;
    }
    let cut: String = value.chars().take(max.saturating_sub(1)).collect();
    let cut = format!("{}…", cut.trim_end());
    warnings.push(format!(
        "{what} was longer than {max} characters and was shortened"
    ));
    cut
}

/// The warnings of one parse, at most [`MAX_WARNINGS`] of them (a pathological paste
/// could otherwise produce thousands).
#[derive(Default)]
pub(super) struct Warnings {
    list: Vec<String>,
    seen: std::collections::HashSet<String>,
    dropped: usize,
}

pub(super) const MAX_WARNINGS: usize = 30;

impl Warnings {
    pub(super) fn push(&mut self, message: impl Into<String>) {
        let message = message.into();
        if !self.seen.insert(message.clone()) {
            return;
        }
        if self.list.len() < MAX_WARNINGS - 1 {
            self.list.push(message);
        } else {
            self.dropped += 1;
        }
    }

    pub(super) fn finish(mut self) -> Vec<String> {
        if self.dropped > 0 {
            self.list
                .push(format!("…and {} more warnings", self.dropped));
        }
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_run_together_gets_its_spaces_back() {
        assert_eq!(
            unglue(
                "the harbour.WithInes MarlowHydrologist at Tide CollegeTomás VegaFerry \
                 captainAndAnders Holm"
                    .into()
            ),
            "the harbour. With Ines Marlow Hydrologist at Tide College Tomás Vega Ferry \
             captain And Anders Holm"
        );
        for line in [
            "Ines Marlow of BlackRock and Tomás Vega of YouTube",
            "Ines MacArthur, Tomás McDonald and Ada VanDyke of DeepMind",
        ] {
            assert_eq!(unglue(line.into()), line);
        }
    }

    #[test]
    fn normalises_line_ends_spaces_and_controls() {
        let t = normalise("a\r\nb\rc\u{2028}d\te\u{a0}f\u{200b}g\u{0}h\u{7}\u{200f}");
        assert_eq!(t, "a\nb\nc\nd e fgh\u{200f}");
    }

    #[test]
    fn clean_ascii_is_copied_whole() {
        assert_eq!(normalise("Why?\nHost: Ann Lee"), "Why?\nHost: Ann Lee");
        assert_eq!(normalise("a\tb\r\nc\u{7f}"), "a b\nc");
    }

    #[test]
    fn a_space_before_a_comma_goes() {
        assert_eq!(
            normalise("Ola Berg , standing in for\nfrom Ann Moe , Per Dahl and Siv Ek."),
            "Ola Berg, standing in for\nfrom Ann Moe, Per Dahl and Siv Ek."
        );
        assert_eq!(normalise("Ann Moe ,\nPer Dahl"), "Ann Moe,\nPer Dahl");
    }

    #[test]
    fn bounds_by_characters() {
        let mut w = Warnings::default();
        assert_eq!(bound("ğğğ".into(), 3, "x", &mut w), "ğğğ");
        assert_eq!(bound("ğğğğ".into(), 3, "The title", &mut w), "ğğ…");
        let list = w.finish();
        assert_eq!(list.len(), 1);
        assert!(list[0].starts_with("The title"), "{list:?}");
    }

    #[test]
    fn warnings_are_capped_and_deduplicated() {
        let mut w = Warnings::default();
        for i in 0..100 {
            w.push(format!("w{i}"));
            w.push(format!("w{i}"));
        }
        let list = w.finish();
        assert_eq!(list.len(), MAX_WARNINGS);
        assert!(list.last().unwrap().contains("71 more"), "{list:?}");
    }
}
