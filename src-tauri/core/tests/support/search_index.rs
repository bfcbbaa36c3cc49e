//! The search index must hold exactly what the index views say, one document per
//! programme and person, however the rows were written.

use rusqlite::Connection;

pub fn assert_index_matches_the_data(conn: &Connection) {
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
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
                OR f.billed IS NOT d.billed OR f.expertise IS NOT d.expertise OR f.folded IS NOT d.folded"
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
