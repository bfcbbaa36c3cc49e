//! Segment ids for rows stored before segments had them (migration 0012): filled in
//! at open, like the name keys, because the id is made from a hash SQL lacks.

use rusqlite::{params, Connection};

use crate::error::Result;
use crate::ids::{ProgrammeId, SegmentId};

/// The id migration 0012 gives a segment stored before segments had ids: a UUID v7
/// made from the programme's id (its time, where it is a v7) and the segment's place.
/// Deterministic, so two copies of one archive (a backup restored elsewhere, an
/// archive imported into another database) give their old segments the same ids,
/// and a desk joined with both matches them instead of doubling every segment.
pub(crate) fn backfill_id(programme: ProgrammeId, position: i64) -> SegmentId {
    use sha2::{Digest, Sha256};
    let uuid = programme.as_uuid();
    let millis = uuid
        .get_timestamp()
        .map(|t| {
            let (secs, nanos) = t.to_unix();
            secs * 1000 + u64::from(nanos) / 1_000_000
        })
        .unwrap_or(0);
    let hash = Sha256::new()
        .chain_update(b"greenroom segment ")
        .chain_update(uuid.as_bytes())
        .chain_update(position.to_be_bytes())
        .finalize();
    let mut random = [0u8; 10];
    random.copy_from_slice(&hash[..10]);
    SegmentId::from_uuid(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
}

/// Gives every segment without an id its [`backfill_id`], as part of opening the
/// database (after migration 12): the open step's own transaction, as the name keys'.
pub(crate) fn fill_missing_ids_at_open(conn: &Connection) -> Result<usize> {
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Ok(0);
    }
    let missing: Vec<(ProgrammeId, i64)> = conn
        .prepare("SELECT programme_id, position FROM segment WHERE id IS NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if missing.is_empty() {
        return Ok(0);
    }
    let tx = conn.unchecked_transaction()?;
    {
        let mut st =
            tx.prepare("UPDATE segment SET id = ?3 WHERE programme_id = ?1 AND position = ?2")?;
        for (programme, position) in &missing {
            st.execute(params![
                programme,
                position,
                backfill_id(*programme, *position)
            ])?;
        }
    }
    tx.commit()?;
    Ok(missing.len())
}
