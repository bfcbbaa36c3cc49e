//! Pulling the desk's changes after `pulled_seq`, a page at a time. Each page is
//! applied in one transaction that also advances `pulled_seq` to the page's last
//! change, so the sync position is never past what this database holds: a pull
//! killed mid-page leaves the page unapplied and the position where it was.
//!
//! A change to an entity with nothing of this database's waiting to be pushed makes
//! the live rows the server's state, and the server's record replaces this
//! database's provisional ones (revisions past the last one the server gave). An
//! entity with changes still queued is rebased: its live state becomes the three-way
//! merge of the desk's change into the local edits (the desk's value where both
//! changed a field: the server raises the conflict when the queued change arrives),
//! recorded as one more local revision, and the queued changes stay queued.

use greenroom_protocol::merge::three_way;
use greenroom_protocol::wire::DEFAULT_PULL;
use greenroom_protocol::{delta, Entity, Operation, ServerChange, FORMAT};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::desk::client::Client;
use crate::desk::push::whole;
use crate::desk::rejected::{about_the_change, park, unfit};
use crate::desk::state::{live_revision, live_state, put_state};
use crate::error::{Error, Result};
use crate::store::change::{gone_state, unrecordable, Origin};
use crate::store::db::Store;
use crate::store::search_index;
use crate::store::write::{now_ms, Write};

/// How far a pull has come: changes applied so far, and the desk's head.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PullProgress {
    pub applied: usize,
    pub seq: i64,
    pub head: i64,
}

/// Where a pull's pages come from: `(after, limit)` → the page after seq `after` and
/// the limit to ask the next one with. The desk's server ([`fetch`]), or changes at
/// hand for the desk's bench.
type Source<'a> = dyn Fn(i64, usize) -> Result<(Page, usize)> + Sync + 'a;

pub(crate) fn pull(
    store: &Store,
    client: &Client,
    progress: &mut dyn FnMut(PullProgress),
    changed: &mut crate::desk::changed::Changed,
) -> Result<PullProgress> {
    let from = store
        .conn
        .query_row("SELECT pulled_seq FROM desk_link", [], |r| r.get(0))?;
    pull_from(
        store,
        &|after, limit| fetch(client, after, limit),
        from,
        progress,
        changed,
    )
}

/// A pull of what `source` gives after seq `from`.
fn pull_from(
    store: &Store,
    source: &Source<'_>,
    from: i64,
    progress: &mut dyn FnMut(PullProgress),
    changed: &mut crate::desk::changed::Changed,
) -> Result<PullProgress> {
    let _cache = BigCache::new(store)?;
    let mut done = PullProgress {
        seq: from,
        ..PullProgress::default()
    };
    let (page, limit) = source(done.seq, DEFAULT_PULL)?;
    // A pull of more pages than one (a first pull is the desk's whole archive) holds
    // the search index back from its first page to its last, which catches it up:
    // every programme and person indexed once, not a person again on every page that
    // books them. Between the pages the pause is committed with them; a pull that
    // stops early catches up here, one killed is caught up when the file is next
    // opened (`Store::open`), and another connection's writes meanwhile are noted
    // and indexed with the pull's.
    let hold = page.more;
    let pulled = pull_pages(store, source, progress, changed, &mut done, page, limit);
    if hold && pulled.is_err() {
        let tx = store.write()?;
        search_index::catch_up(&tx)?;
        tx.commit()?;
    }
    pulled
}

fn pull_pages(
    store: &Store,
    source: &Source<'_>,
    progress: &mut dyn FnMut(PullProgress),
    changed: &mut crate::desk::changed::Changed,
    done: &mut PullProgress,
    mut page: Page,
    mut limit: usize,
) -> Result<PullProgress> {
    let hold = page.more;
    // Pages are applied in transactions of as many changes as were committed before
    // (the first page alone, then 1, 2, 4, 8… pages): a first pull writes the whole
    // archive, and each commit writes to the log every index page its transaction
    // touched, so a commit per page rewrote the same scattered index pages (people's
    // appearances above all) on every page. The position still moves with what is
    // committed, and a pull stopped loses at most half of what it had applied.
    let mut open: Option<Write<'_>> = None;
    let mut pending = *done;
    loop {
        pending.head = page.head;
        let Some(last) = page.last() else {
            if let Some(tx) = open.take() {
                tx.commit()?;
                *done = pending;
            }
            return Ok(*done);
        };
        if open.is_none() {
            open = Some(store.write_applying()?);
        }
        let tx = open.as_ref().expect("opened above");
        // The next page downloads while this one is applied; it is only used once
        // this one is in (a page that fails to apply stops the pull there).
        let (applied, ahead) = std::thread::scope(|s| {
            let ahead = page.more.then(|| s.spawn(move || source(last, limit)));
            let catch_up = !hold || !page.more;
            let applied = apply_into(store, tx, &page.changes, &page.unread, last, catch_up);
            (applied, ahead.map(|h| h.join()))
        });
        applied?;
        changed.note(&page.changes);
        pending.applied += page.changes.len() + page.unread.len();
        pending.seq = last;
        if !page.more || batch_full(pending.applied - done.applied, done.applied) {
            open.take().expect("opened above").commit()?;
            *done = pending;
            progress(*done);
        }
        (page, limit) = match ahead {
            None => return Ok(*done),
            Some(Ok(fetched)) => fetched?,
            Some(Err(_)) => {
                return Err(Error::Desk {
                    code: "server",
                    message: "the download of the desk's next changes stopped unexpectedly".into(),
                })
            }
        };
    }
}

/// Whether a pull's transaction holding `in_batch` changes is committed, after
/// `committed` in this pull (see [`pull_pages`]).
fn batch_full(in_batch: usize, committed: usize) -> bool {
    in_batch >= committed.max(1)
}

/// Applies `changes` as a pull of pages of `page` changes does, without the
/// download: the pull itself, from changes at hand, for the desk's bench.
pub(crate) fn apply_as_pulled(store: &Store, changes: &[ServerChange], page: usize) -> Result<()> {
    let head = changes.last().map_or(0, |c| c.seq);
    let source = |after: i64, limit: usize| {
        let from = changes.partition_point(|c| c.seq <= after);
        let to = (from + page.max(1)).min(changes.len());
        let page = Page {
            changes: changes[from..to].to_vec(),
            unread: Vec::new(),
            head,
            more: to < changes.len(),
        };
        Ok((page, limit))
    };
    let mut changed = crate::desk::changed::Changed::default();
    pull_from(store, &source, 0, &mut |_| {}, &mut changed).map(drop)
}

/// A page of the desk's changes as it came (`protocol::wire::Pulled`), each change
/// read on its own: one this build cannot read (an entity kind or an operation of a
/// newer Greenroom's) is parked, not a stop of every sync.
#[derive(Deserialize)]
pub(crate) struct RawPage {
    changes: Vec<Value>,
    head: i64,
    more: bool,
}

/// A page read: the changes this build reads, and the ones it does not with why.
pub(crate) struct Page {
    pub changes: Vec<ServerChange>,
    pub unread: Vec<Unread>,
    pub head: i64,
    pub more: bool,
}

/// A pulled change this build cannot read.
pub(crate) struct Unread {
    pub seq: i64,
    pub body: Value,
    pub reason: String,
}

impl Page {
    pub(crate) fn read(raw: RawPage) -> Result<Page> {
        let mut page = Page {
            changes: Vec::with_capacity(raw.changes.len()),
            unread: Vec::new(),
            head: raw.head,
            more: raw.more,
        };
        for body in raw.changes {
            match ServerChange::deserialize(&body) {
                Ok(change) => page.changes.push(change),
                Err(e) => {
                    // Without its place in the order it cannot even be passed over.
                    let seq =
                        body.get("seq")
                            .and_then(Value::as_i64)
                            .ok_or_else(|| Error::Desk {
                                code: "server",
                                message: format!("the desk sent a change without its seq: {e}"),
                            })?;
                    let reason = format!("this Greenroom cannot read it ({e}); a newer one may");
                    page.unread.push(Unread { seq, body, reason });
                }
            }
        }
        Ok(page)
    }

    /// The desk's order of its last change, read or not.
    fn last(&self) -> Option<i64> {
        let read = self.changes.iter().map(|c| c.seq);
        read.chain(self.unread.iter().map(|u| u.seq)).max()
    }
}

/// The desk's changes after `after`, at most `limit`; a page of very large
/// programmes may exceed what one answer may hold, and is asked again for fewer,
/// down to one. Returns the limit that worked.
fn fetch(client: &Client, after: i64, mut limit: usize) -> Result<(Page, usize)> {
    loop {
        match client.get::<RawPage>(&format!("/pull?after={after}&limit={limit}")) {
            Err(Error::Desk {
                code: "too_large", ..
            }) if limit > 1 => limit /= 2,
            page => return Ok((Page::read(page?)?, limit)),
        }
    }
}

/// SQLite's page cache raised for a pull, as the generator does: a first pull writes
/// the whole archive, and its indexes (appearances by person above all) stop going
/// back to the disk for every insert. Put back as it was when dropped.
struct BigCache<'a> {
    store: &'a Store,
    was: i64,
}

impl<'a> BigCache<'a> {
    fn new(store: &'a Store) -> Result<BigCache<'a>> {
        let was = store
            .conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        store.conn.pragma_update(None, "cache_size", -256 * 1024)?;
        Ok(BigCache { store, was })
    }
}

impl Drop for BigCache<'_> {
    fn drop(&mut self) {
        let _ = self.store.conn.pragma_update(None, "cache_size", self.was);
    }
}

/// Applies `changes` (in the desk's order) and moves `pulled_seq` to the last one,
/// in one transaction.
#[cfg(test)]
pub(crate) fn apply_page(store: &Store, changes: &[ServerChange]) -> Result<()> {
    match changes.last() {
        Some(last) => apply_read(store, changes, &[], last.seq),
        None => Ok(()),
    }
}

/// [`apply_page`] of a page read with [`Page::read`]: the changes it could not read
/// are parked, and `pulled_seq` moves to `last`, past them too.
#[cfg(test)]
pub(crate) fn apply_read(
    store: &Store,
    changes: &[ServerChange],
    unread: &[Unread],
    last: i64,
) -> Result<()> {
    let tx = store.write_applying()?;
    apply_into(store, &tx, changes, unread, last, true)?;
    tx.commit()
}

/// [`apply_read`] inside the applying write `tx`, which the caller commits; the
/// search index is left held back unless `catch_up` (a pull's pages but its last).
fn apply_into(
    store: &Store,
    tx: &Write<'_>,
    changes: &[ServerChange],
    unread: &[Unread],
    last: i64,
    catch_up: bool,
) -> Result<()> {
    for u in unread {
        let text = |k: &str| u.body.get(k).and_then(Value::as_str).unwrap_or_default();
        let id = (text("id"), text("entity"), text("entityId"));
        park(tx, "pulled", Some(u.seq), id, &u.reason, &u.body)?;
    }
    // A page is a bulk write (a first pull is the whole archive): the search index
    // catches up once at its end, as a bulk import's does, or at the pull's end.
    search_index::pause(tx)?;
    for change in changes {
        // Each change in a savepoint: one this database cannot apply is undone alone
        // and parked, and the position still moves past it (else every sync of every
        // member would stop there for good).
        tx.execute_batch("SAVEPOINT desk_change")?;
        let applied = match unfit(
            change.entity,
            &change.entity_id,
            None,
            change.after.as_ref(),
            change.merged_into.as_deref(),
        ) {
            Some(why) => Err(Error::validation("change", why)),
            None => apply(store, tx, change),
        };
        match applied {
            Ok(()) => tx.execute_batch("RELEASE desk_change")?,
            Err(e) if about_the_change(&e) => {
                tx.execute_batch("ROLLBACK TO desk_change; RELEASE desk_change")?;
                park(
                    tx,
                    "pulled",
                    Some(change.seq),
                    (
                        &change.id.to_string(),
                        change.entity.as_str(),
                        &change.entity_id,
                    ),
                    &e.to_string(),
                    change,
                )?;
            }
            Err(e) => return Err(e),
        }
    }
    if catch_up {
        search_index::catch_up(tx)?;
    }
    tx.execute(
        "UPDATE desk_link SET pulled_seq = max(pulled_seq, ?1)",
        [last],
    )?;
    Ok(())
}

fn apply(store: &Store, tx: &Write<'_>, change: &ServerChange) -> Result<()> {
    let (entity, id) = (change.entity, change.entity_id.as_str());
    let origin = tx.origin(&change.author, change.operation);
    tx.prepare_cached(
        "INSERT INTO desk_entity (entity, entity_id, server_revision) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity, entity_id) DO UPDATE SET server_revision = excluded.server_revision",
    )?
    // The desk's order is the revision's: the pulled one is the entity's as of this
    // change (also putting right one a push answered under an id since merged away).
    .execute(params![entity.as_str(), id, change.revision])?;
    match first_pending_base(store, tx, entity, id)? {
        Some(base) => {
            let live = live_state(store, entity, id)?;
            rebase(store, origin, change, live, base)
        }
        // The state before is only kept when the change deletes it: not read otherwise
        // (a first pull applies every programme of the desk).
        None if change.after.is_none() => {
            let live = live_state(store, entity, id)?;
            replace(store, tx, origin, change, live)
        }
        None => replace(store, tx, origin, change, None),
    }
}

/// The state the oldest queued change of the entity was made on, whole (as it is
/// pushed); `None` when nothing of it is queued (`Some({})` for one created here).
fn first_pending_base(
    store: &Store,
    tx: &Write<'_>,
    entity: Entity,
    id: &str,
) -> Result<Option<Map<String, Value>>> {
    type Row = (i64, Option<String>, Option<String>);
    let row: Option<Row> = tx
        .prepare_cached(
            "SELECT revision, before, after FROM desk_outbox WHERE entity = ?1 AND entity_id = ?2
             ORDER BY seq LIMIT 1",
        )?
        .query_row(params![entity.as_str(), id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((revision, before, after)) = row else {
        return Ok(None);
    };
    let json = |s: Option<String>| -> Result<Option<Map<String, Value>>> {
        s.map(|s| serde_json::from_str(&s).map_err(unrecordable))
            .transpose()
    };
    let (before, _) = whole(store, entity, id, revision, json(before)?, json(after)?)?;
    Ok(Some(before.unwrap_or_default()))
}

/// No local change waits: the live rows become the desk's state, and its record
/// replaces this database's records from that revision on.
fn replace(
    store: &Store,
    tx: &Write<'_>,
    origin: Origin<'_>,
    change: &ServerChange,
    live: Option<Map<String, Value>>,
) -> Result<()> {
    let (entity, id) = (change.entity, change.entity_id.as_str());
    let last = last_state(tx, change, live.as_ref())?;
    put_state(
        store,
        origin,
        entity,
        id,
        change.after.as_ref(),
        change.revision,
        change.merged_into.as_deref(),
    )?;
    take_desks_record(tx, change, last)
}

/// What the desk's change deletes, whole (what the trash restores and an unmerge
/// brings back): the live state, or, for something already gone here (this
/// database's own deletion coming back), the one its record kept. `None` when the
/// change deletes nothing.
fn last_state(
    conn: &rusqlite::Connection,
    change: &ServerChange,
    live: Option<&Map<String, Value>>,
) -> Result<Option<Map<String, Value>>> {
    Ok(match (&change.after, live) {
        (Some(_), _) => None,
        (None, Some(live)) => Some(live.clone()),
        (None, None) => gone_state(conn, change.entity, &change.entity_id)?.map(|(_, s)| s),
    })
}

/// The desk's record of `change` takes its revision: this database's records from
/// there on give way to it. The deletion of something this database never had
/// records nothing.
fn take_desks_record(
    conn: &rusqlite::Connection,
    change: &ServerChange,
    last: Option<Map<String, Value>>,
) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM change WHERE entity = ?1 AND entity_id = ?2 AND revision >= ?3",
    )?
    .execute(params![
        change.entity.as_str(),
        change.entity_id,
        change.revision
    ])?;
    let gone = last.map(|last| delta::sorted(Value::Object(last)).to_string());
    if change.after.is_none() && gone.is_none() {
        return Ok(());
    }
    insert_record(
        conn,
        change,
        change.revision,
        change.id,
        change.at.timestamp_millis(),
        (&change.changes, gone),
    )
}

/// A change record of `change`'s entity at `revision`, as the server or this
/// database's rebase made it: its delta, and the whole last state when it is gone.
fn insert_record(
    conn: &rusqlite::Connection,
    change: &ServerChange,
    revision: i64,
    id: uuid::Uuid,
    at: i64,
    (changes, gone): (&[greenroom_protocol::FieldChange], Option<String>),
) -> Result<()> {
    let changes = serde_json::to_string(changes).map_err(unrecordable)?;
    conn.prepare_cached(
        "INSERT INTO change (entity, entity_id, revision, id, operation, author, at, format,
                             state, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        change.entity.as_str(),
        change.entity_id,
        revision,
        id.to_string(),
        change.operation.as_str(),
        change.author,
        at,
        change.format.min(FORMAT),
        gone,
        changes
    ])?;
    Ok(())
}

/// Local changes wait: the desk's change is merged into the live state, and they
/// stay queued. The desk's record takes its revision here, as in [`replace`]: this
/// database's provisional records from there on give way to it, and the merge (every
/// edit still queued, over the desk's state) is recorded as one more local revision,
/// replaced in turn by the desk's once those edits come back from it.
fn rebase(
    store: &Store,
    origin: Origin<'_>,
    change: &ServerChange,
    live: Option<Map<String, Value>>,
    base: Map<String, Value>,
) -> Result<()> {
    let (entity, id) = (change.entity, change.entity_id.as_str());
    let conn = &store.conn;
    // Gone on either side stays gone here: a local edit to something the desk deleted
    // becomes the server's conflict when it is pushed; a local deletion is pushed.
    let merged = match (&change.after, &live) {
        (Some(theirs), Some(mine)) => Some(three_way(entity, &base, mine, theirs).state),
        _ => None,
    };
    // Past both this database's revision and the desk's: a form holding the state
    // before the merge cannot save over it.
    let revision = live_revision(store, entity, id)?
        .unwrap_or(change.revision)
        .max(change.revision)
        + 1;
    let last = last_state(conn, change, live.as_ref())?;
    if merged.is_some() || live.is_some() {
        put_state(
            store,
            origin,
            entity,
            id,
            merged.as_ref(),
            revision,
            change.merged_into.as_deref(),
        )?;
    }
    take_desks_record(conn, change, last)?;
    // A queued change recorded partially is made whole from the records at its
    // revision (`push::whole`): the merge's, now that its own gave way.
    conn.prepare_cached(
        "UPDATE desk_outbox SET revision = ?3
         WHERE entity = ?1 AND entity_id = ?2 AND revision >= ?4",
    )?
    .execute(params![entity.as_str(), id, revision, change.revision])?;
    // This database's own revision over the desk's: its edits merged in, or its
    // deletion (still queued) of what the desk changed, walking back to that state.
    let (changes, gone) = match (&change.after, &merged) {
        (Some(theirs), Some(merged)) => (delta::diff(theirs, merged), None),
        (Some(theirs), None) => (
            Vec::new(),
            Some(delta::sorted(Value::Object(theirs.clone())).to_string()),
        ),
        (None, _) => return Ok(()),
    };
    // A revision of this database's own, in this build's format.
    let local = ServerChange {
        operation: match merged {
            Some(_) => Operation::Update,
            None => Operation::Delete,
        },
        format: FORMAT,
        ..change.clone()
    };
    insert_record(
        conn,
        &local,
        revision,
        uuid::Uuid::now_v7(),
        now_ms(),
        (&changes, gone),
    )
}
