//! A guest list flattened onto one line with nothing between the guests: "Ines Marlow
//! Adviser to the Ministry of Ports Tomás Vega Former naval officer …". Each guest
//! starts where a name of two to four words is followed by a role word ("Adviser",
//! "Former", "senior"); a name after "of", "at", "the" or a head of state's title is
//! part of the billing before it.

use super::person::{is_role, word_kind, word_spans, Word};
use super::words::{CONNECTORS, TITLE_BLOCKERS};

/// `s` cut before every guest's name; `s` whole when it holds fewer than two guests.
pub(super) fn split(s: &str) -> Vec<&str> {
    let spans: Vec<(usize, usize)> = word_spans(s).take(2000).collect();
    let word = |i: usize| &s[spans[i].0..spans[i].1];
    let name_word = |i: usize| word_kind(word(i)) == Word::Unit && !is_role(word(i));
    let glue = |i: usize| matches!(word_kind(word(i)), Word::Particle | Word::Initial);
    let mut starts = Vec::new();
    let mut last_end = 0;
    let mut i = 0;
    while i < spans.len() {
        if !(name_word(i) || glue(i) && word(i).starts_with(char::is_uppercase)) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut units = 0;
        while j < spans.len() && (name_word(j) || glue(j)) {
            units += usize::from(name_word(j));
            j += 1;
        }
        let followed_by_role = j < spans.len() && is_role(word(j));
        let mut start = i;
        // The run goes on a billing: after "of", "at" or a comma ("Senior Fellow, Daily
        // Courier Tomás Vega") its first words are the organisation's.
        let goes_on = start > 0 && {
            let prev = word(start - 1);
            prev.ends_with(',') || before_joins(&prev.to_lowercase())
        };
        if goes_on && units >= 3 {
            // "… Ministry of Ports Tomás Vega": "Ports" ends the billing before; of
            // four or more, the name is the last two ("… at Kestrel Analytics Ines
            // Marlow"): a three-word name there loses its first word.
            let keep = if units >= 4 { 2 } else { units - 1 };
            while units > keep {
                units -= usize::from(name_word(start));
                start += 1;
            }
        }
        let blocked =
            start > 0 && TITLE_BLOCKERS.contains(&word(start - 1).to_lowercase().as_str());
        let room = starts.is_empty() || start > last_end;
        if followed_by_role && (2..=4).contains(&units) && !blocked && room {
            starts.push(start);
            last_end = j + 1;
        }
        i = j.max(i + 1);
    }
    if starts.len() < 2 {
        return vec![s];
    }
    let mut out = Vec::with_capacity(starts.len());
    for (n, &k) in starts.iter().enumerate() {
        let from = if n == 0 { 0 } else { spans[k].0 };
        let to = starts.get(n + 1).map_or(s.len(), |&next| spans[next].0);
        out.push(s[from..to].trim());
    }
    out
}

fn before_joins(w: &str) -> bool {
    CONNECTORS.contains(&w) || TITLE_BLOCKERS.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_with_no_separators_is_cut_before_each_name() {
        assert_eq!(
            split(
                "Ines Marlow Adviser to the Ministry of Ports Tomás Vega Former naval officer \
                 and Research Fellow at the Harbour Institute Ana de la Cruz Former head of the \
                 customs service (CSA)"
            ),
            [
                "Ines Marlow Adviser to the Ministry of Ports",
                "Tomás Vega Former naval officer and Research Fellow at the Harbour Institute",
                "Ana de la Cruz Former head of the customs service (CSA)",
            ]
        );
        assert_eq!(
            split(
                "Ines Marlow Senior Fellow, Daily Courier Tomás Vega Columnist at Kestrel \
                 Analytics Ana de la Cruz Head of Research, Tide Network"
            ),
            [
                "Ines Marlow Senior Fellow, Daily Courier",
                "Tomás Vega Columnist at Kestrel Analytics",
                "Ana de la Cruz Head of Research, Tide Network",
            ]
        );
        assert_eq!(
            split(
                "Kofi Mensah Managing Director at Lakeside Bank Sarah Jane Okafor senior lecturer"
            ),
            [
                "Kofi Mensah Managing Director at Lakeside Bank",
                "Sarah Jane Okafor senior lecturer"
            ]
        );
    }

    #[test]
    fn one_guest_or_names_inside_a_billing_stay_whole() {
        for s in [
            "Ines Marlow Adviser to President Joe Biden Former envoy",
            "Ines Marlow Senior Fellow at the Harbour Institute",
            "Ines Marlow, Tomás Vega and Ana Cruz",
        ] {
            assert_eq!(split(s), [s], "{s}");
        }
    }
}
