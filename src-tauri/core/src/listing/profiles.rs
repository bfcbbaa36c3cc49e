//! Profiles, as newspaper guides to a panel write them: each guest's name alone on a
//! line, then "Who? Shadow health secretary", then a paragraph about them.

use super::candidates::{Candidate, Evidence};
use super::person::{looks_like_name, split_billing};

/// Guests from consecutive lines (blank lines and furniture already skipped).
pub(super) fn gather(lines: &[&str], out: &mut Vec<Candidate>) {
    for pair in lines.windows(2) {
        let Some(what) = who(pair[1]) else { continue };
        if pair[0].len() > 120 {
            continue;
        }
        let b = split_billing(pair[0], false);
        if looks_like_name(b.name, 2) {
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
    fn a_name_then_who() {
        let mut out = Vec::new();
        gather(
            &[
                "Who is on the panel tonight?",
                "Ruth Adeyemi",
                "Who? Shadow transport secretary",
                "She was first elected in 2017 and …",
                "Dr Piet van Rooyen",
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
