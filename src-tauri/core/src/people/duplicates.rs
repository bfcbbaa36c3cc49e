//! "Possible duplicates": pairs of people who are probably one person, with the
//! evidence, for a producer to merge (or not).
//!
//! Comparing everyone with everyone is 800 million pairs at 40k people. Instead the
//! directory is sorted twice — by compact match key, and by the key's words reversed
//! (surname first) — and each person is compared with the next [`WINDOW`] in each
//! order (the "sorted neighbourhood" method). A typo late in a name keeps the pair
//! adjacent in the first order, a typo or an initial in the first name in the second.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::error::Result;
use crate::ids::PersonId;
use crate::people::appearance::APPEARED;
use crate::store::db::Store;
use crate::text::names::{name_evidence, split_similarity, SplitKey, DUPLICATE_THRESHOLD};

/// How many following people in each sort order a person is compared with.
const WINDOW: usize = 8;

/// One side of a possible duplicate.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePerson {
    pub id: PersonId,
    pub name: String,
    pub affiliation: Option<String>,
    /// Programmes they appeared on (aired; see [`crate::people::appearance`]).
    pub appearances: i64,
}

/// Two people who are probably one. `keep` is the suggested survivor of a merge (more
/// appearances; else the one entered first), so `merge_people(keep.id, drop.id)` is
/// the natural action.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicatePair {
    pub keep: DuplicatePerson,
    pub drop: DuplicatePerson,
    /// Name similarity, 0–1 (see `names::similarity`).
    pub score: f64,
    /// Why they look like one person, strongest first, e.g. "same name ignoring
    /// accents and case", "same affiliation", "never on the same programme".
    pub evidence: Vec<String>,
}

struct Row {
    id: PersonId,
    name: String,
    key: String,
    affiliation: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl Store {
    /// Likely duplicate pairs, most likely first. Two people who appeared on the same
    /// programme are never proposed: they are demonstrably two people.
    pub fn possible_duplicates(&self) -> Result<Vec<DuplicatePair>> {
        self.fill_missing_keys()?;
        let rows = load(&self.conn)?;
        let counts = appearance_counts(&self.conn)?;
        let mut together = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM appearance a JOIN appearance b
                             ON b.programme_id = a.programme_id AND b.person_id = ?2
                            WHERE a.person_id = ?1)",
        )?;
        let keys: Vec<SplitKey> = rows.iter().map(|r| SplitKey::new(&r.key)).collect();
        let mut out = Vec::new();
        for (i, j) in candidate_pairs(&keys) {
            let (a, b) = (&rows[i], &rows[j]);
            let score = split_similarity(&keys[i], &keys[j]);
            if score < DUPLICATE_THRESHOLD {
                continue;
            }
            if together.query_row(params![a.id, b.id], |r| r.get::<_, bool>(0))? {
                continue;
            }
            let count = |r: &Row| counts.get(&r.id).copied().unwrap_or((0, 0));
            let ((na, booked_a), (nb, booked_b)) = (count(a), count(b));
            let mut evidence = vec![name_evidence(&a.name, &b.name, score)];
            evidence.extend(shared_details(a, b));
            // Booked apart is the evidence, aired or not.
            if booked_a > 0 && booked_b > 0 {
                evidence.push("never on the same programme".into());
            }
            // UUID v7 ids sort by creation time: the older entry is the default keeper.
            let (keep, drop) = if (nb, b.id < a.id) > (na, false) {
                ((b, nb), (a, na))
            } else {
                ((a, na), (b, nb))
            };
            let side = |(r, n): (&Row, i64)| DuplicatePerson {
                id: r.id,
                name: r.name.clone(),
                affiliation: r.affiliation.clone(),
                appearances: n,
            };
            out.push(DuplicatePair {
                keep: side(keep),
                drop: side(drop),
                score: (score * 1000.0).round() / 1000.0,
                evidence,
            });
        }
        out.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then(y.evidence.len().cmp(&x.evidence.len()))
                .then_with(|| x.keep.name.cmp(&y.keep.name))
        });
        Ok(out)
    }
}

fn load(conn: &Connection) -> Result<Vec<Row>> {
    let mut st = conn.prepare(
        "SELECT id, name, coalesce(match_key, ''), affiliation, email, phone FROM person",
    )?;
    let rows = st.query_map([], |r| {
        Ok(Row {
            id: r.get(0)?,
            name: r.get(1)?,
            key: r.get(2)?,
            affiliation: r.get(3)?,
            email: r.get(4)?,
            phone: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per person: programmes appeared on (aired), and programmes on at all.
fn appearance_counts(conn: &Connection) -> Result<HashMap<PersonId, (i64, i64)>> {
    let mut st = conn.prepare(&format!(
        "SELECT person_id, count(DISTINCT programme_id) FILTER (WHERE {APPEARED}),
                count(DISTINCT programme_id)
         FROM appearance GROUP BY person_id"
    ))?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Index pairs (lower first) worth scoring: neighbours in either sort order, plus
/// every pair within a run of identical compact keys however long it is.
fn candidate_pairs(keys: &[SplitKey]) -> Vec<(usize, usize)> {
    let forward: Vec<&str> = keys.iter().map(|k| k.compact.as_str()).collect();
    let reversed: Vec<String> = keys
        .iter()
        .map(|k| k.words.iter().rev().map(String::as_str).collect())
        .collect();
    let reversed: Vec<&str> = reversed.iter().map(String::as_str).collect();
    let mut pairs = HashSet::new();
    for sort_key in [&forward, &reversed] {
        let mut order: Vec<usize> = (0..keys.len())
            .filter(|&i| !forward[i].is_empty())
            .collect();
        order.sort_by(|&a, &b| sort_key[a].cmp(sort_key[b]));
        for (n, &i) in order.iter().enumerate() {
            for (step, &j) in order[n + 1..].iter().enumerate() {
                // Sorted, so past the window nothing further can have an equal key.
                if step >= WINDOW && sort_key[i] != sort_key[j] {
                    break;
                }
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_unstable();
    pairs
}

/// Details two records share besides the name.
fn shared_details(a: &Row, b: &Row) -> Vec<String> {
    let same = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.trim(), y.trim());
            !x.is_empty() && x.to_lowercase() == y.to_lowercase()
        }
        _ => false,
    };
    let mut out = Vec::new();
    if same(&a.affiliation, &b.affiliation) {
        out.push(format!(
            "same affiliation ({})",
            a.affiliation.as_deref().unwrap_or_default().trim()
        ));
    }
    if same(&a.email, &b.email) {
        out.push("same email".into());
    }
    let digits = |p: &Option<String>| -> Option<String> {
        let d: String = p.as_deref()?.chars().filter(char::is_ascii_digit).collect();
        (d.len() >= 6).then_some(d)
    };
    if same(&digits(&a.phone), &digits(&b.phone)) {
        out.push("same phone number".into());
    }
    out
}
