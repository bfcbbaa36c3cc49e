//! Billings with no punctuation between the name and the affiliation: where the name
//! ends is read from the words themselves.
//!
//! - A sentence: "Ines Marlow is a port economist at the Baltic Institute."
//! - A role word after the name: "Ines Marlow Senior Fellow, Baltic Institute".
//! - The billing before the name: "port economist Ines Marlow", "the Harbour Times's
//!   Ines Marlow".

use super::person::{
    clean_affiliation, clean_name, is_honorific, is_role, looks_like_name, word_kind, word_spans,
    Billing, Word,
};
use super::words::{CONNECTORS, TITLE_BLOCKERS};

/// Verbs that join a name to what the person is, longest first.
const VERBS: &[&str] = &[
    " is currently ",
    " has been ",
    " serves as ",
    " works as ",
    " is ",
    " was ",
    " are ",
];

/// `s` (honorifics already off) read as an unseparated billing, if it is one. `sep`:
/// where the first separator starts; a split must come before it, and is only looked
/// for when what is before it is not already a name.
pub(super) fn unseparated(
    s: &str,
    sep: Option<usize>,
    honorific: Option<String>,
) -> Option<Billing<'_>> {
    if s.len() > 600 {
        return None;
    }
    // Every shape here starts with a name: most lines are rejected at their first word.
    let first = s.split_whitespace().next().unwrap_or("");
    if !first.starts_with(|c: char| c.is_alphabetic() && !c.is_lowercase())
        || !matches!(
            word_kind(first),
            Word::Unit | Word::Particle | Word::Initial
        )
    {
        return None;
    }
    if let Some(at) = sep {
        if looks_like_name(clean_name(&s[..at]), 1) {
            return None;
        }
    } else if looks_like_name(s, 1) {
        return None;
    }
    let before = sep.unwrap_or(s.len());
    let (name_end, aff_start, verb) = sentence(s, before)
        .map(|(a, b)| (a, b, true))
        .or_else(|| role_after_name(s, before).map(|a| (a, a, false)))?;
    let mut affiliation = sentence_head(&s[aff_start..]);
    if verb {
        // "Name is a professor at X and writes on …": the billing, not the sentence.
        affiliation = super::bios::without_clause(affiliation.trim_end_matches('.'));
    }
    let affiliation = clean_affiliation(affiliation.trim_end_matches('.'))?;
    Some(Billing {
        honorific,
        name: clean_name(&s[..name_end]),
        affiliation: Some(affiliation),
        sep: None,
        verb,
    })
}

/// "Name is a …": (end of the name, start of what follows the verb).
fn sentence(s: &str, before: usize) -> Option<(usize, usize)> {
    // The verb comes within the first few words.
    let window = s.char_indices().nth(80).map_or(s.len(), |(i, _)| i);
    let (at, verb) = VERBS
        .iter()
        .filter_map(|v| s[..window].find(v).map(|at| (at, *v)))
        .min_by_key(|&(at, _)| at)?;
    let after = &s[at + verb.len()..];
    let next = after.split_whitespace().next().unwrap_or("");
    // "is a historian", "is the head of", "is Senior Fellow": what the person is, not
    // what they did ("is expected to attend").
    let describes = matches!(
        next.to_lowercase().as_str(),
        "a" | "an" | "the" | "also" | "one" | "currently" | "now" | "our"
    ) || is_role(next);
    (describes && at < before && looks_like_name(&s[..at], 2)).then_some((at, at + verb.len()))
}

/// The end of a name of two to four words that a role word follows.
fn role_after_name(s: &str, before: usize) -> Option<usize> {
    let mut units = 0;
    let mut end = 0;
    for (a, b) in word_spans(s) {
        let w = &s[a..b];
        if a >= before {
            return None;
        }
        match word_kind(w) {
            Word::Unit if !is_role(w) => units += 1,
            Word::Particle | Word::Initial if units < 4 => {}
            _ if (2..=4).contains(&units) && is_role(w) => return Some(end),
            _ => return None,
        }
        end = b;
        if units > 4 {
            return None;
        }
    }
    None
}

/// The billing before the name, in a list item: "port economist Ines Marlow" → (name,
/// affiliation). Only short items that are not sentences, so prose that merely ends
/// on a name is left alone.
pub(super) fn billing_before_name(item: &str) -> Option<(&str, String)> {
    billing_before(item, false)
}

/// [`billing_before_name`] for an item of a guest list, where a title before the name
/// is the guest's billing ("the education secretary Ben Marsh"), not a head of state
/// mentioned in passing.
pub(super) fn billing_before_listed_name(item: &str) -> Option<(&str, String)> {
    billing_before(item, true)
}

fn billing_before(item: &str, listed: bool) -> Option<(&str, String)> {
    let item = item.trim().trim_end_matches([',', ';']);
    if item.len() > 200 || item.contains(['.', '?', '!', ':', '(']) {
        return None;
    }
    let spans: Vec<(usize, usize)> = word_spans(item).collect();
    if spans.len() < 3 || spans.len() > 16 {
        return None;
    }
    let mut k = spans.len();
    let mut units = 0;
    while k > 0 && spans.len() - k < 4 {
        let w = &item[spans[k - 1].0..spans[k - 1].1];
        if w.ends_with("'s") || w.ends_with("’s") {
            break;
        }
        // "Labour MP Ann Moe", "GP Ada Finch": a word in capitals before a name that
        // is not is the billing's last word.
        let acronym = w.chars().count() >= 2
            && w.chars().all(|c| c.is_uppercase())
            && k < spans.len()
            && item[spans[k].0..spans[k].1].chars().any(char::is_lowercase);
        match word_kind(w) {
            Word::Unit if !is_role(w) && !acronym => units += 1,
            Word::Particle | Word::Initial => {}
            _ => break,
        }
        k -= 1;
    }
    // A lower-case particle does not start a name.
    while k < spans.len() && item[spans[k].0..].starts_with(char::is_lowercase) {
        k += 1;
    }
    // A capitalised particle that starts the name is a given name ("Ben Marsh").
    if k < spans.len() && item[spans[k].0..].starts_with(char::is_uppercase) {
        let first = &item[spans[k].0..spans[k].1];
        if word_kind(first) == Word::Particle {
            units += 1;
        }
    }
    // Honorifics go with the name ("… scientist Professor Ann Moe"); the caller splits them.
    let mut ranks = 0;
    while k > 0 && ranks < 3 && is_honorific(&item[spans[k - 1].0..spans[k - 1].1]) {
        // "ferry captain Tomás Vega": a rank in lower case after a lower-case word is
        // the end of the billing, not a title of the name.
        let rank = &item[spans[k - 1].0..spans[k - 1].1];
        let before = (k >= 2).then(|| &item[spans[k - 2].0..spans[k - 2].1]);
        if rank.starts_with(char::is_lowercase)
            && before.is_some_and(|b| b.starts_with(char::is_lowercase) && !is_honorific(b))
            && !CONNECTORS.contains(&before.unwrap_or("").to_lowercase().as_str())
        {
            break;
        }
        k -= 1;
        ranks += 1;
    }
    if units < 2 || k == 0 || k == spans.len() {
        return None;
    }
    let head = item[..spans[k].0].trim();
    let last = head.rsplit(' ').next().unwrap_or("").to_lowercase();
    if CONNECTORS.contains(&last.as_str())
        || (TITLE_BLOCKERS.contains(&last.as_str()) && !(listed && head.contains(' ')))
    {
        return None;
    }
    let name = &item[spans[k].0..];
    let head = head
        .strip_suffix("'s")
        .or_else(|| head.strip_suffix("’s"))
        .unwrap_or(head);
    let head = head.trim_end_matches(',').trim();
    (!head.is_empty() && looks_like_name(name, 2)).then(|| (name, head.to_string()))
}

/// The first sentence of a description: "a historian. She wrote …" → "a historian.".
fn sentence_head(s: &str) -> &str {
    match super::title::sentences(s).first() {
        Some(&(0, b)) => &s[..b],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Option<(String, String, bool)> {
        unseparated(
            s,
            super::super::person::find_separator(s, true).map(|f| f.0),
            None,
        )
        .map(|b| (b.name.to_string(), b.affiliation.unwrap(), b.verb))
    }

    #[test]
    fn a_sentence_about_a_guest() {
        assert_eq!(
            split("Ines Marlow is a port economist at the Baltic Institute."),
            Some((
                "Ines Marlow".into(),
                "a port economist at the Baltic Institute".into(),
                true
            ))
        );
        assert_eq!(
            split("Kofi Mensah-Bart is the Head of Trade, Accra Chamber. He has advised …"),
            Some((
                "Kofi Mensah-Bart".into(),
                "the Head of Trade, Accra Chamber".into(),
                true
            ))
        );
        // Not a name before the verb: not a billing.
        assert_eq!(split("The question is whether the deal holds."), None);
    }

    #[test]
    fn a_role_word_ends_the_name() {
        assert_eq!(
            split("Ines Marlow Senior Research Fellow at the Baltic Institute"),
            Some((
                "Ines Marlow".into(),
                "Senior Research Fellow at the Baltic Institute".into(),
                false
            ))
        );
        assert_eq!(
            split("Tomás de la Vega Columnist, The Harbour Times"),
            Some((
                "Tomás de la Vega".into(),
                "Columnist, The Harbour Times".into(),
                false
            ))
        );
        assert_eq!(
            split("Sarah Jane Okafor former diplomat"),
            Some(("Sarah Jane Okafor".into(), "former diplomat".into(), false))
        );
        // A separator after a real name: the ordinary billing, not this.
        assert_eq!(split("Ines Marlow, Senior Fellow"), None);
        assert_eq!(split("Ines Marlow"), None);
        assert_eq!(split("Ines Marlow says the deal will hold"), None);
    }

    #[test]
    fn billing_before_the_name() {
        assert_eq!(
            billing_before_name("port economist Ines Marlow"),
            Some(("Ines Marlow", "port economist".into()))
        );
        assert_eq!(
            billing_before_name("the Harbour Times's Tomás Vega"),
            Some(("Tomás Vega", "the Harbour Times".into()))
        );
        assert_eq!(
            billing_before_name("the Kerr Professor of Law at Danby College Ada Obi"),
            Some((
                "Ada Obi",
                "the Kerr Professor of Law at Danby College".into()
            ))
        );
        assert_eq!(billing_before_name("an adviser to Ines Marlow"), None);
        assert_eq!(billing_before_name("Ines Marlow"), None);
        assert_eq!(billing_before_name("it was raised by Ines Marlow."), None);
    }
}
