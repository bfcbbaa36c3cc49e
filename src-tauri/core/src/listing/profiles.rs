//! Profiles, as newspaper guides to a panel write them: each guest's name alone on a
//! line, then "Who? Shadow health secretary", then a paragraph about them; or the
//! name, then straight away the paragraph about them.

use super::candidates::{Candidate, Evidence};
use super::person::{looks_like_name, split_billing};

/// Guests from consecutive lines (blank lines and furniture already skipped).
pub(super) fn gather(lines: &[&str], out: &mut Vec<Candidate>) {
    let before = out.len();
    with_who(lines, out);
    if out.len() == before {
        with_paragraphs(lines, out);
    }
    if out.len() == before {
        with_colons(lines, out);
    }
}

/// "Name: The Labour MP for Leeds North has been …", a paragraph per guest opened by
/// their name and a colon: two or more such in a row make a guide to the panel.
fn with_colons(lines: &[&str], out: &mut Vec<Candidate>) {
    let mut run: Vec<Candidate> = Vec::new();
    let mut best: Vec<Candidate> = Vec::new();
    for line in lines.iter().take(200) {
        let profile = line.split_once(": ").and_then(|(name, para)| {
            let b = split_billing(name, false);
            (name.len() <= 60
                && para.len() >= 60
                && b.affiliation.is_none()
                && looks_like_name(b.name, 2)
                && para.starts_with(char::is_uppercase)
                && about_a_person(para, b.name))
            .then_some(b)
        });
        match profile {
            Some(b) => run.push(Candidate::new(b, Evidence::Profile)),
            None => {
                if run.len() > best.len() {
                    best = std::mem::take(&mut run);
                }
                run.clear();
            }
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    if best.len() >= 2 {
        out.extend(best);
    }
}

/// "Name" alone on a line, then a paragraph about them that names them early
/// ("Labour's Jane Doe was elected …"): two or more such make a guide to the panel.
fn with_paragraphs(lines: &[&str], out: &mut Vec<Candidate>) {
    let mut found = Vec::new();
    let last = lines.len().saturating_sub(2);
    for (i, pair) in lines.windows(2).take(200).enumerate() {
        let (name, para) = (pair[0], pair[1]);
        // The page may be cut off inside the last profile ("Kate Ca"): a paragraph
        // with no closing stop at the end of the text, opening with the name, counts
        // once the guide has two whole profiles.
        let cut_off = i == last
            && found.len() >= 2
            && !para.ends_with(['.', '!', '?', '"', '”', ')'])
            && name.len() <= 60;
        if !cut_off && (name.len() > 60 || para.len() < 80) {
            continue;
        }
        let b = split_billing(name, false);
        if b.affiliation.is_some() || !looks_like_name(b.name, 2) {
            continue;
        }
        let given = b.name.split(' ').next().unwrap_or(b.name);
        if cut_off {
            if para.starts_with(&format!("{given} ")) {
                found.push(Candidate::new(b, Evidence::Profile));
            }
            continue;
        }
        let surname = b.name.rsplit(' ').next().unwrap_or(b.name);
        let early = &para[..floor_char(para, 100)];
        if !early.contains(surname) || !about_a_person(para, b.name) {
            continue;
        }
        let mut c = Candidate::new(b, Evidence::Profile);
        c.affiliation = para
            .strip_prefix(c.name.as_str())
            .and_then(super::bios::predicate);
        found.push(c);
    }
    if found.len() >= 2 {
        out.extend(found);
    }
}

/// Whether a paragraph under a heading is about a person: it does not put an article
/// before the name ("The Harbour Plans published …"), and its first sentences give a
/// job title or say "he", "she", "his" or "her". A section heading over an article's
/// paragraph is no guest.
fn about_a_person(para: &str, name: &str) -> bool {
    let early = &para[..floor_char(para, 300)];
    let article = ["the ", "The ", "a ", "A ", "an ", "An "]
        .iter()
        .any(|a| early.contains(&format!("{a}{name}")));
    let cue = early.split_whitespace().any(|w| {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(
            bare.to_lowercase().as_str(),
            "he" | "she" | "his" | "her" | "they"
        ) || bare.split('-').any(super::person::is_role)
    });
    !article && cue
}

fn floor_char(s: &str, max: usize) -> usize {
    let mut at = max.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn with_who(lines: &[&str], out: &mut Vec<Candidate>) {
    for (i, line) in lines.iter().enumerate() {
        let Some(what) = who(line) else { continue };
        // The name is the line before, or the one before that when the page put a
        // prompt ("You may also want to watch:") between them.
        let named = (1..=2)
            .filter_map(|back| i.checked_sub(back))
            .find_map(|k| {
                let b = split_billing(lines[k], false);
                (lines[k].len() <= 120 && looks_like_name(b.name, 2) && b.affiliation.is_none())
                    .then_some(b)
            });
        if let Some(b) = named {
            let mut c = Candidate::new(b, Evidence::Profile);
            c.affiliation = Some(what.to_string());
            out.push(c);
        }
    }
}

/// What follows "Who?" on a profile's second line.
pub(super) fn who(line: &str) -> Option<&str> {
    const TAGS: &[&str] = &[
        "Who is she?",
        "Who is he?",
        "Who are they?",
        "Who's who?",
        "Who?",
        "Who:",
        "WHO?",
        "WHO:",
    ];
    let rest = TAGS.iter().find_map(|t| line.strip_prefix(t))?.trim();
    (!rest.is_empty() && rest.len() <= 300).then_some(rest.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_then_a_paragraph_about_them() {
        let lines = [
            "Here is who will be on the panel.",
            "Ruth Adeyemi",
            "Labour's Ruth Adeyemi was elected for Danby North in 2017 and has been shadow transport secretary since the spring.",
            "Piet van Rooyen",
            "Piet van Rooyen is the vice-chancellor of Danby University. He chaired the review of student fees in 2019.",
            "Related stories",
        ];
        let mut out = Vec::new();
        gather(&lines, &mut out);
        let got: Vec<(&str, Option<&str>)> = out
            .iter()
            .map(|c| (c.name.as_str(), c.affiliation.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Ruth Adeyemi", None),
                (
                    "Piet van Rooyen",
                    Some("the vice-chancellor of Danby University")
                ),
            ]
        );
        // The page cut off inside the last profile: the name still counts.
        let mut cut = lines[..5].to_vec();
        cut.push("Marta Quill");
        cut.push("Marta Qu");
        let mut out = Vec::new();
        gather(&cut, &mut out);
        let names: Vec<&str> = out.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ruth Adeyemi", "Piet van Rooyen", "Marta Quill"]);
        // Not when the last line is whole, nor with only one profile before it.
        cut[6] = "Marta Quill thanked the audience.";
        let mut out = Vec::new();
        gather(&cut, &mut out);
        assert_eq!(out.len(), 2);
        let mut out = Vec::new();
        gather(
            &["Ruth Adeyemi", cut[2], "Marta Quill", "Marta Qu"],
            &mut out,
        );
        assert!(out.is_empty());
        // One name over a paragraph is a caption, not a guide.
        let mut out = Vec::new();
        gather(&lines[..3], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_name_and_a_colon_then_a_paragraph() {
        let lines = [
            "The show returns from Leeds.",
            "Ada Finch: The Labour MP for Leeds North has been shadow health secretary since 2023 and is a former nurse.",
            "Tom Wu: The businessman founded Harbour Foods in 1999 and now chairs the regional growth board.",
            "Watch: the last episode in full",
        ];
        let mut out = Vec::new();
        gather(&lines, &mut out);
        let names: Vec<&str> = out.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ada Finch", "Tom Wu"]);
        // One such line is a quote, not a guide.
        let mut out = Vec::new();
        gather(&lines[..2], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_name_then_who() {
        let mut out = Vec::new();
        gather(
            &[
                "Who is on the panel tonight?",
                "Ruth Adeyemi",
                "Who? Shadow transport secretary",
                "She was first elected in 2017 and …",
                "Dr Piet van Rooyen",
                "Related: watch the last episode",
                "Who: Vice-chancellor of Danby University.",
                "Not a name line",
                "Who? ignored",
            ],
            &mut out,
        );
        let got: Vec<(&str, Option<&str>, Option<&str>)> = out
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.honorific.as_deref(),
                    c.affiliation.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Ruth Adeyemi", None, Some("Shadow transport secretary")),
                (
                    "Piet van Rooyen",
                    Some("Dr"),
                    Some("Vice-chancellor of Danby University")
                ),
            ]
        );
    }
}
