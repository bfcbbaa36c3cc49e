//! Autocomplete for a guest name as it is typed, by match keys (see
//! [`crate::text::names`]; `store/name_keys.rs` keeps them current), and the
//! near-match check of new names on a programme form.
//!
//! Narrowing: SQLite scans the `match_key` index for the first three letters of each
//! typed word (`instr`, no pattern parsing), which leaves at most a few hundred
//! candidates out of 40k; only those are scored in Rust (Jaro–Winkler). A typo in the
//! first three letters of every typed word is what this misses. Budget and figures:
//! docs/PERFORMANCE.md.

use rusqlite::{params_from_iter, Connection};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::PersonId;
use crate::people::appearance;
use crate::programme::model::ProgrammeInput;
use crate::store::db::Store;
use crate::text::names::name_key;
use crate::text::names::{self, compact, match_key, spelling_for_prefix, without_particle};

/// Suggestions scoring below this are not offered.
pub const SUGGEST_THRESHOLD: f64 = 0.8;

/// How many candidates the narrowing query may hand to scoring; bounds the work for
/// one- and two-letter input, where almost everyone matches.
const MAX_CANDIDATES: i64 = 2_000;

/// One person offered for what was typed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonSuggestion {
    pub id: PersonId,
    pub name: String,
    /// Current affiliation, to tell two people with one name apart.
    pub affiliation: Option<String>,
    /// 0–1; 1 when every typed word starts a word of the name.
    pub score: f64,
    /// Programmes they appeared on (presenter or guest; aired, see
    /// [`crate::people::appearance`]).
    pub appearances: i64,
    /// What they were billed as on the latest of those, which picking them fills in.
    pub last_billed: Option<String>,
    /// Probably the person the whole of what was typed names ([`names::nearly_same`]):
    /// saving that text as a new person asks "same person?" first.
    pub near_match: bool,
}

impl Store {
    /// People whose name matches `typed` (a whole or partial name), best first: by
    /// score, then by how often they have appeared. Accents, case, honorifics, hyphens,
    /// particles and small typos are ignored. At most `limit` (at most 100) results.
    pub fn suggest_people(&self, typed: &str, limit: u32) -> Result<Vec<PersonSuggestion>> {
        self.fill_missing_keys()?;
        let key = match_key(typed);
        let typed_words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if typed_words.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let limit = limit.min(100) as usize;
        let typed_compact = compact(&key);
        let score = |found: Vec<(i64, String)>| -> Vec<(f64, i64)> {
            found
                .into_iter()
                .filter_map(|(rowid, k)| {
                    let s = suggestion_score(&typed_words, &typed_compact, &k);
                    (s >= SUGGEST_THRESHOLD).then_some((s, rowid))
                })
                .collect()
        };
        // People with every typed word are found cheaply; only when there are none is
        // any-word narrowing (slower: more candidates) tried, for a typo at a word start.
        let mut scored = score(candidates(&self.conn, &typed_words, true)?);
        if scored.is_empty() && typed_words.len() > 1 {
            scored = score(candidates(&self.conn, &typed_words, false)?);
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Room for appearances to reorder near-equal scores before cutting to `limit`.
        scored.truncate(limit * 3);
        let mut out = details(&self.conn, &scored)?;
        out.sort_by(|a, b| {
            // Scores within a hundredth are a tie: the regular guest comes first.
            let (sa, sb) = ((a.score * 100.0).round(), (b.score * 100.0).round());
            sb.total_cmp(&sa)
                .then(b.appearances.cmp(&a.appearances))
                .then_with(|| a.name.cmp(&b.name))
        });
        out.truncate(limit);
        for s in &mut out {
            s.near_match = names::nearly_same(typed, &s.name);
        }
        Ok(out)
    }

    /// People in the directory whose name nearly matches `name` without being it
    /// (ignoring case and spacing, which saving links anyway): who to ask about before
    /// `name` is added as a new person.
    pub fn near_matches(&self, name: &str) -> Result<Vec<PersonSuggestion>> {
        if name.trim().is_empty() || !self.find_people_by_name(name)?.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = self.suggest_people(name, 20)?;
        found.retain(|s| s.near_match);
        Ok(found)
    }

    /// Refuses a programme form that would add a new person (presenter or guest) whose
    /// name nearly matches someone in the directory ([`Error::NearMatch`], listing
    /// them), unless the name is among `confirmed_new`.
    pub fn check_new_people(&self, input: &ProgrammeInput, confirmed_new: &[String]) -> Result<()> {
        for p in input.presenter.iter().chain(&input.guests) {
            if p.person_id.is_some()
                || confirmed_new
                    .iter()
                    .any(|n| name_key(n) == name_key(&p.name))
            {
                continue;
            }
            let near = self.near_matches(&p.name)?;
            if !near.is_empty() {
                return Err(Error::NearMatch {
                    name: p.name.trim().to_string(),
                    candidates: near
                        .iter()
                        .map(|s| match &s.affiliation {
                            Some(a) => format!("{} {} – {a}", s.id, s.name),
                            None => format!("{} {}", s.id, s.name),
                        })
                        .collect(),
                });
            }
        }
        Ok(())
    }
}

/// (rowid, match key) of people whose key contains, for every typed word (`all`) or
/// for any (`!all`), its first three letters (or the whole word if shorter, or the
/// usual spelling of a half-typed common name). Only the key index is read (a
/// covering scan), which is several times narrower than the table.
fn candidates(conn: &Connection, typed: &[&str], all: bool) -> Result<Vec<(i64, String)>> {
    let mut args: Vec<rusqlite::types::Value> = vec![MAX_CANDIDATES.into()];
    let mut tests: Vec<String> = Vec::new();
    for w in typed.iter().take(4) {
        let mut pieces = vec![w.get(..3).unwrap_or(w)];
        pieces.extend(spelling_for_prefix(w).map(|c| &c[..3]));
        // Any-word narrowing on a one- or two-letter word would match nearly everyone.
        if !all && typed.len() > 1 && pieces[0].len() < 3 {
            continue;
        }
        let mut alternatives = Vec::new();
        for piece in pieces {
            args.push(piece.to_string().into());
            alternatives.push(format!("instr(match_key, ?{})", args.len()));
        }
        tests.push(format!("({})", alternatives.join(" OR ")));
    }
    if tests.is_empty() {
        return Ok(Vec::new());
    }
    let mut st = conn.prepare_cached(&format!(
        "SELECT rowid, match_key FROM person WHERE {} LIMIT ?1",
        tests.join(if all { " AND " } else { " OR " })
    ))?;
    let rows = st.query_map(params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The suggestions for scored rowids, with names, affiliations and appearance counts.
fn details(conn: &Connection, scored: &[(f64, i64)]) -> Result<Vec<PersonSuggestion>> {
    if scored.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; scored.len()].join(",");
    let mut st = conn.prepare(&format!(
        "SELECT p.rowid, p.id, p.name, p.affiliation, {}, {}
         FROM person p WHERE p.rowid IN ({marks})",
        appearance::count_sql("p.id"),
        appearance::last_billed_sql("p.id"),
    ))?;
    let rows = st.query_map(params_from_iter(scored.iter().map(|(_, r)| r)), |r| {
        let rowid: i64 = r.get(0)?;
        let score = scored
            .iter()
            .find(|(_, id)| *id == rowid)
            .map_or(0.0, |(s, _)| *s);
        Ok(PersonSuggestion {
            id: r.get(1)?,
            name: r.get(2)?,
            affiliation: r.get(3)?,
            score: (score * 1000.0).round() / 1000.0,
            appearances: r.get(4)?,
            last_billed: r.get(5)?,
            near_match: false,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every typed word is matched to its best word of the name: starting it counts fully
/// (the last word may be half typed), a surname typed without its particle nearly
/// fully, anything else by Jaro–Winkler against the word (or its start, for the word
/// being typed). The mean is the score; one unmatched word disqualifies.
fn suggestion_score(typed: &[&str], typed_compact: &str, key: &str) -> f64 {
    let words: Vec<&str> = key.split(' ').collect();
    if compact(key).starts_with(typed_compact) {
        return 1.0;
    }
    let mut total = 0.0;
    for (i, t) in typed.iter().enumerate() {
        let last = i + 1 == typed.len();
        let best = words
            .iter()
            .map(|w| typed_word_score(t, w, last))
            .fold(0.0, f64::max);
        if best < 0.75 {
            return 0.0;
        }
        total += best;
    }
    total / typed.len() as f64
}

fn typed_word_score(t: &str, w: &str, last: bool) -> f64 {
    if t == w || (last && w.starts_with(t)) {
        return 1.0;
    }
    if w.starts_with(t) {
        return 0.9;
    }
    if last && spelling_for_prefix(t).is_some_and(|c| w.starts_with(c)) {
        return 0.98;
    }
    if let Some(bare) = without_particle(w) {
        if bare == t || (last && bare.starts_with(t)) {
            return 0.97;
        }
    }
    let whole = strsim::jaro_winkler(t, w);
    let start = match w.get(..t.len()) {
        Some(head) if last => strsim::jaro_winkler(t, head),
        _ => 0.0,
    };
    whole.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(typed: &str, name: &str) -> f64 {
        let key = match_key(typed);
        let words: Vec<&str> = key.split(' ').collect();
        suggestion_score(&words, &compact(&key), &match_key(name))
    }

    #[test]
    fn partial_and_variant_input_scores_fully() {
        assert_eq!(score("Tarik Og", "Tarık Oğuzlu"), 1.0);
        assert_eq!(score("oguzlu", "Tarık Oğuzlu"), 1.0);
        assert_eq!(score("Dr. Anatol Lieven", "Anatol Lieven"), 1.0);
        assert_eq!(score("Dareen Abu Ghaida", "Dareen Abughaida"), 1.0);
        assert!(score("Kikhia", "Mansour El-Kikhia") > 0.95);
    }

    #[test]
    fn typos_still_suggest_and_strangers_do_not() {
        assert!(score("Felgenhaur", "Pavel Felgenhauer") >= SUGGEST_THRESHOLD);
        assert!(score("Mohammed Jamjoom", "Mohammed Ali") < SUGGEST_THRESHOLD);
    }
}
