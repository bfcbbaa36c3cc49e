//! What the schema derives from the data must match it however the rows were written:
//! the search index holds exactly what the index views say, one document per
//! programme and person, and every appearance carries its programme's air time and
//! status (migration 0008).

use rusqlite::Connection;

pub fn assert_derived_data_matches(conn: &Connection) {
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count(
            "SELECT count(*) FROM appearance a JOIN programme g ON g.id = a.programme_id
             WHERE a.programme_air_at IS NOT g.air_at OR a.programme_status IS NOT g.status"
        ),
        0,
        "appearances with a stale copy of their programme's air time or status"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id
             JOIN programme_fts f ON f.rowid = k.docid
             WHERE f.title IS NOT d.title OR f.series IS NOT d.series OR f.framing IS NOT d.framing
                OR f.notes IS NOT d.notes OR f.folded IS NOT d.folded"
        ),
        0,
        "programmes indexed with stale text"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id
             JOIN person_fts f ON f.rowid = k.docid
             WHERE f.name IS NOT d.name OR f.affiliation IS NOT d.affiliation
                OR f.billed IS NOT d.billed OR f.expertise IS NOT d.expertise OR f.folded IS NOT d.folded
                OR f.keys IS NOT d.keys"
        ),
        0,
        "people indexed with stale text"
    );
    assert_eq!(
        count("SELECT count(*) FROM programme_fts"),
        count("SELECT count(*) FROM programme"),
        "one index document per programme"
    );
    assert_eq!(
        count("SELECT count(*) FROM person_fts"),
        count("SELECT count(*) FROM person"),
        "one index document per person"
    );
    assert_eq!(
        count("SELECT (SELECT count(*) FROM search_paused) + (SELECT count(*) FROM search_dirty)"),
        0,
        "the index was left paused"
    );
}
