//! Full-text search over programmes and people, ignoring case and accents.
//!
//! The index itself (FTS5 tables, and the triggers that keep it in step with every
//! write) lives in migration 0004; this module only turns what the user typed into a
//! safe FTS5 query and reads the best matches.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::{PersonId, ProgrammeId};
use crate::people::appearance;
use crate::programme::airtime;
use crate::programme::zone::Zone;
use crate::store::db::Store;
use crate::text::names::match_key;

/// Longest query accepted, in characters; a search box, not a document.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most results of each kind, whatever the caller asks for.
pub const MAX_LIMIT: u32 = 100;

/// What FTS5's unicode61 tokenizer does not fold: letters with no Unicode
/// decomposition, and Arabic vowel marks. Migration 0004 applies the same table (with `replace`) to
/// the indexed text; `fold_table_matches_the_migration` checks the two agree.
pub const FOLDS: &[(char, &str)] = &[
    ('ı', "i"),
    ('ß', "ss"),
    ('ẞ', "SS"),
    ('ø', "o"),
    ('Ø', "O"),
    ('æ', "ae"),
    ('Æ', "AE"),
    ('œ', "oe"),
    ('Œ', "OE"),
    ('ł', "l"),
    ('Ł', "L"),
    ('đ', "d"),
    ('Đ', "D"),
    ('ð', "d"),
    ('Ð', "D"),
    ('þ', "th"),
    ('Þ', "TH"),
    ('ħ', "h"),
    ('Ħ', "H"),
    // Arabic harakat (tanwin, fatha, damma, kasra, shadda, sukun), superscript alef
    // and tatweel: a word is looked for as written without them.
    ('\u{64B}', ""),
    ('\u{64C}', ""),
    ('\u{64D}', ""),
    ('\u{64E}', ""),
    ('\u{64F}', ""),
    ('\u{650}', ""),
    ('\u{651}', ""),
    ('\u{652}', ""),
    ('\u{670}', ""),
    ('\u{640}', ""),
];

/// Marks a hit inside a snippet. Control characters are refused in stored text, so
/// these cannot occur in it; they are removed before a snippet leaves this module.
const HIT_START: char = '\u{1}';
const HIT_END: char = '\u{2}';
/// Tokens of context around a hit in a snippet.
const SNIPPET_TOKENS: i64 = 12;
/// Ranking (bm25) scores every match, which for a word in half the archive costs tens
/// of milliseconds. A query with at most this many matches of a kind is ranked; one
/// with more is broad, and its results come newest first (docids grow with creation),
/// title or name hits before the rest: FTS5 walks a doclist in docid order and stops
/// at the limit, so that costs about the same whatever the number of matches. The
/// user narrows a query that broad by typing on.
const RANK_AT_MOST: i64 = 300;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub programmes: Vec<ProgrammeHit>,
    pub people: Vec<PersonHit>,
}

impl SearchResults {
    pub fn is_empty(&self) -> bool {
        self.programmes.is_empty() && self.people.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeHit {
    pub id: ProgrammeId,
    pub title: String,
    pub series: Option<String>,
    pub air_at: Option<DateTime<Utc>>,
    pub air_display: Option<String>,
    /// The programme's zone, for showing `air_at` as its producer reads it.
    pub time_zone: String,
    /// Where the words were found in the framing or notes; `None` when they matched
    /// the title or series only (which the result shows anyway).
    pub snippet: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonHit {
    pub id: PersonId,
    pub name: String,
    pub affiliation: Option<String>,
    /// Programmes they appeared on (aired; see [`crate::people::appearance`]).
    pub appearances: i64,
}

impl Store {
    /// Programmes and people matching every word of `query`, best match first. The
    /// last word matches as a prefix (unless followed by a space), so results can
    /// follow typing. At most `limit` results of each kind.
    pub fn search(&self, query: &str, limit: u32) -> Result<SearchResults> {
        let Some(expr) = match_expression(query)? else {
            return Ok(SearchResults::default());
        };
        // People are also found by match key; a renamed person's is recomputed first.
        self.fill_missing_keys()?;
        let limit = limit.min(MAX_LIMIT);
        if limit == 0 {
            return Ok(SearchResults::default());
        }
        Ok(SearchResults {
            programmes: whole_then_prefix(
                &expr,
                limit,
                |e| self.search_programmes(e, limit),
                |h| h.id,
            )?,
            people: whole_then_prefix(
                &expr,
                limit,
                |e| self.search_people(&with_name_key(query, e), limit),
                |h| h.id,
            )?,
        })
    }

    fn search_programmes(&self, expr: &str, limit: u32) -> Result<Vec<ProgrammeHit>> {
        let hits = |e: &str, order| self.programme_hits(e, order, limit);
        self.ranked_or_newest("programme_fts", "title series", expr, limit, hits, |h| h.id)
    }

    fn programme_hits(&self, expr: &str, order: Order, limit: u32) -> Result<Vec<ProgrammeHit>> {
        // The inner query lets FTS5 order and cut to `limit` before snippets are made
        // and rows joined.
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.title, p.series, p.air_at, p.time_zone, h.framing, h.notes
             FROM (SELECT rowid AS docid, rank,
                          snippet(programme_fts, 2, ?3, ?4, '…', ?5) AS framing,
                          snippet(programme_fts, 3, ?3, ?4, '…', ?5) AS notes
                   FROM programme_fts WHERE programme_fts MATCH ?1
                   ORDER BY {order} LIMIT ?2) h
             JOIN search_key k ON k.docid = h.docid
             JOIN programme p ON p.id = k.ref_id
             ORDER BY {outer}",
            order = order.inner(),
            outer = order.outer(),
        ))?;
        let rows = st.query_map(
            rusqlite::params![
                expr,
                limit,
                HIT_START.to_string(),
                HIT_END.to_string(),
                SNIPPET_TOKENS,
            ],
            |r| {
                let air_at: Option<DateTime<Utc>> = r
                    .get::<_, Option<i64>>(3)?
                    .and_then(DateTime::from_timestamp_millis);
                let zone_name: String = r.get(4)?;
                let zone = Zone::named(&zone_name);
                let framing: Option<String> = r.get(5)?;
                let notes: Option<String> = r.get(6)?;
                Ok(ProgrammeHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    series: r.get(2)?,
                    air_at,
                    air_display: air_at.map(|a| airtime::display(a, zone)),
                    time_zone: zone_name,
                    snippet: [framing, notes].into_iter().flatten().find_map(hit_snippet),
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn search_people(&self, expr: &str, limit: u32) -> Result<Vec<PersonHit>> {
        let hits = |e: &str, order| self.person_hits(e, order, limit);
        self.ranked_or_newest("person_fts", "name keys", expr, limit, hits, |h| h.id)
    }

    /// Matches of `expr` in `table`: ranked when there are few, else those in the
    /// `first` columns newest first, then the rest newest first.
    fn ranked_or_newest<T, K: PartialEq>(
        &self,
        table: &'static str,
        first: &str,
        expr: &str,
        limit: u32,
        hits: impl Fn(&str, Order) -> Result<Vec<T>>,
        key: impl Fn(&T) -> K,
    ) -> Result<Vec<T>> {
        if !self.is_broad(table, expr)? {
            return hits(expr, Order::Rank);
        }
        let mut found = hits(&format!("{{{first}}}: ({expr})"), Order::Newest)?;
        if found.len() < limit as usize {
            fill(&mut found, hits(expr, Order::Newest)?, limit, key);
        }
        Ok(found)
    }

    fn person_hits(&self, expr: &str, order: Order, limit: u32) -> Result<Vec<PersonHit>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.name, p.affiliation, {appeared}
             FROM (SELECT rowid AS docid, rank FROM person_fts
                   WHERE person_fts MATCH ?1
                   ORDER BY {order} LIMIT ?2) h
             JOIN search_key k ON k.docid = h.docid
             JOIN person p ON p.id = k.ref_id
             ORDER BY {outer}",
            order = order.inner(),
            outer = order.outer(),
            appeared = appearance::count_sql("p.id"),
        ))?;
        let rows = st.query_map(rusqlite::params![expr, limit], |r| {
            Ok(PersonHit {
                id: r.get(0)?,
                name: r.get(1)?,
                affiliation: r.get(2)?,
                appearances: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether `expr` has more than [`RANK_AT_MOST`] matches in `table`. Walking
    /// matches in docid order is cheap; scoring them is not.
    fn is_broad(&self, table: &'static str, expr: &str) -> Result<bool> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT 1 FROM {table} WHERE {table} MATCH ?1
             ORDER BY rowid DESC LIMIT 1 OFFSET ?2"
        ))?;
        Ok(st
            .query_row(rusqlite::params![expr, RANK_AT_MOST], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

/// How a page of hits is chosen and ordered.
#[derive(Clone, Copy)]
enum Order {
    /// Best match first.
    Rank,
    /// Newest first; for broad queries.
    Newest,
}

impl Order {
    fn inner(self) -> &'static str {
        match self {
            Order::Rank => "rank",
            Order::Newest => "rowid DESC",
        }
    }

    fn outer(self) -> &'static str {
        match self {
            Order::Rank => "h.rank",
            Order::Newest => "h.docid DESC",
        }
    }
}

/// Whole words first: FTS5 answers a whole term straight from its doclist, while a
/// prefix longer than the prefix index (`ceasefire*`) merges doclists in memory,
/// several times slower on a common word. The prefix only runs to fill what whole
/// words leave, so a word typed in full is fast and a half-typed one still matches.
fn whole_then_prefix<T, K: PartialEq>(
    expr: &str,
    limit: u32,
    search: impl Fn(&str) -> Result<Vec<T>>,
    key: impl Fn(&T) -> K,
) -> Result<Vec<T>> {
    let Some(whole) = expr.strip_suffix('*') else {
        return search(expr);
    };
    let mut found = search(whole)?;
    if found.len() < limit as usize {
        fill(&mut found, search(expr)?, limit, key);
    }
    Ok(found)
}

/// Appends the hits of `more` not already in `hits`, up to `limit`.
fn fill<T, K: PartialEq>(hits: &mut Vec<T>, more: Vec<T>, limit: u32, key: impl Fn(&T) -> K) {
    for h in more {
        if hits.len() >= limit as usize {
            break;
        }
        if !hits.iter().any(|x| key(x) == key(&h)) {
            hits.push(h);
        }
    }
}

/// The FTS5 query for what the user typed, or `None` if there is nothing to look for.
///
/// User text is data, never query syntax: each whitespace-separated word becomes an
/// FTS5 string (`"..."`, inner quotes doubled), so `*`, `-`, `:`, `NEAR`, `AND`,
/// parentheses or a column name are looked for as text (punctuation simply splits
/// words, as it does in the index). Words are ANDed; the last one is a prefix unless
/// the user has typed a space after it.
pub fn match_expression(query: &str) -> Result<Option<String>> {
    if query.len() > MAX_QUERY_CHARS {
        let chars = query.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(Error::validation(
                "query",
                format!("is too long ({chars} characters; at most {MAX_QUERY_CHARS})"),
            ));
        }
    }
    // A word with no letter or digit would be an empty phrase; it can only match noise.
    let words: Vec<String> = query
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", fold(w).replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return Ok(None);
    }
    let mut expr = words.join(" ");
    if !query.ends_with(char::is_whitespace) {
        expr.push('*');
    }
    Ok(Some(expr))
}

/// `expr` (from [`match_expression`]) for people: the words as typed anywhere in the
/// document, or the match key of the whole query (see [`crate::text::names`]: honorifics
/// dropped, particles glued on, ASCII) in the `keys` column that migration 0010 fills
/// with each person's match key. So "Dareen Abu Ghaida" finds "Dareen Abughaida" and
/// "Dr. Anatol Lieven" finds "Anatol Lieven", as autocomplete and duplicates do. The
/// last word is a prefix when it is one in `expr`.
pub fn with_name_key(query: &str, expr: &str) -> String {
    let key = match_key(query);
    let mut words: Vec<String> = key
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return expr.to_string();
    }
    if expr.ends_with('*') {
        if let Some(last) = words.last_mut() {
            last.push('*');
        }
    }
    format!("({expr}) OR {{keys}}: ({})", words.join(" "))
}

/// Applies [`FOLDS`], so "Tarık" typed in a query also finds "Tarik" (and the
/// index's folded column finds "Tarık" for "tarik").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match FOLDS.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// A snippet for display if it contains a hit: markers removed, whitespace collapsed
/// (framing items are joined with newlines).
fn hit_snippet(raw: String) -> Option<String> {
    if !raw.contains(HIT_START) {
        return None;
    }
    let plain: String = raw
        .chars()
        .filter(|c| *c != HIT_START && *c != HIT_END)
        .collect();
    Some(plain.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_and_the_last_is_a_prefix() {
        let e = match_expression("  Lasting  cease").unwrap().unwrap();
        assert_eq!(e, r#""Lasting" "cease"*"#);
        let e = match_expression("lasting ").unwrap().unwrap();
        assert_eq!(e, r#""lasting""#);
    }

    #[test]
    fn query_syntax_is_quoted_away() {
        let e = match_expression(r#"a"b NEAR(x) title:y -z"#)
            .unwrap()
            .unwrap();
        assert_eq!(e, r#""a""b" "NEAR(x)" "title:y" "-z"*"#);
    }

    #[test]
    fn blank_and_punctuation_only_queries_look_for_nothing() {
        assert_eq!(match_expression("").unwrap(), None);
        assert_eq!(match_expression(" \t ").unwrap(), None);
        assert_eq!(match_expression(r#"" * - :"#).unwrap(), None);
    }

    #[test]
    fn over_long_queries_are_refused_counting_characters() {
        assert!(match_expression(&"ğ".repeat(MAX_QUERY_CHARS)).is_ok());
        let e = match_expression(&"a".repeat(MAX_QUERY_CHARS + 1)).unwrap_err();
        assert_eq!(e.field(), Some("query"));
    }

    #[test]
    fn fold_handles_letters_without_decomposition() {
        assert_eq!(
            fold("Tarık Søreide Łukasz Straße"),
            "Tarik Soreide Lukasz Strasse"
        );
        assert_eq!(fold("Oğuzlu"), "Oğuzlu", "ğ is left to the tokenizer");
    }

    /// The folded column the migration writes must equal the Rust fold of the same
    /// text, or a query could fold a letter the index did not (or the other way round).
    #[test]
    fn fold_table_matches_the_migration() {
        let store = Store::open_in_memory().unwrap();
        let all: String = FOLDS.iter().map(|(c, _)| *c).collect();
        let tx = store.write().unwrap();
        tx.execute_batch(&format!(
            "INSERT INTO programme (id, title, created_at, updated_at) VALUES ('x', '{all}', 0, 0);
             INSERT INTO person (id, name, name_key, created_at, updated_at)
             VALUES ('y', '{all}', '', 0, 0);"
        ))
        .unwrap();
        tx.commit().unwrap();
        // Each document is its fields on separate lines; only the first is filled here.
        let expected = format!("{}\n\n\n", fold(&all));
        for view in ["programme_search_doc", "person_search_doc"] {
            let folded: String = store
                .conn
                .query_row(
                    &format!("SELECT folded FROM {view} WHERE id IN ('x', 'y')"),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(folded, expected, "{view}");
        }
    }

    #[test]
    fn snippets_without_a_hit_are_dropped() {
        assert_eq!(hit_snippet("just text".into()), None);
        assert_eq!(
            hit_snippet("a \u{1}hit\u{2}\n  b".into()).as_deref(),
            Some("a hit b")
        );
    }
}
