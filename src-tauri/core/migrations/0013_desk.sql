-- Schema v13: a database linked to a shared desk (a Greenroom server). Without a
-- row in desk_link none of these tables is read or written: a producer without a
-- desk sees no change. The member's token is never here (a backup of the archive
-- must not carry it): it is a 0600 file in the config folder (desk/link.rs).

-- The desk this database is linked to; at most one.
CREATE TABLE desk_link (
    one          INTEGER PRIMARY KEY NOT NULL CHECK (one = 1),
    server       TEXT NOT NULL,                 -- base URL, without /v1
    desk_id      TEXT NOT NULL,
    desk_name    TEXT NOT NULL,
    member_id    TEXT NOT NULL,
    member_name  TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    -- The desk's seq up to which every change has been applied here: a pull page
    -- advances it in the transaction that applies the page, never further.
    pulled_seq   INTEGER NOT NULL DEFAULT 0,
    last_sync_at INTEGER                        -- Unix milliseconds, this machine's clock
) STRICT;

-- Change records waiting to be pushed, in the order they were made (seq). Written by
-- store/change.rs in the transaction that makes the change; a row goes in the
-- transaction that records the server's answer to it.
CREATE TABLE desk_outbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,         -- the change record's id: the push's idempotency key
    client_op     TEXT NOT NULL,                -- the local write it was part of
    entity        TEXT NOT NULL CHECK (entity IN ('programme', 'person', 'series_format')),
    entity_id     TEXT NOT NULL,
    revision      INTEGER NOT NULL,             -- the local (provisional) revision it made
    base_revision INTEGER NOT NULL,             -- the server revision the edit was made on; 0: none
    operation     TEXT NOT NULL,
    author        TEXT NOT NULL,
    at            INTEGER NOT NULL,             -- Unix milliseconds; shown, never compared
    before        TEXT,                         -- JSON state before; NULL for a creation
    after         TEXT,                         -- JSON state after; NULL when gone
    merged_into   TEXT                          -- a person merged away: the person kept
) STRICT;
CREATE INDEX desk_outbox_entity ON desk_outbox (entity, entity_id);

-- The last server revision seen of each entity (pushed and answered, or pulled):
-- local revisions beyond it are provisional.
CREATE TABLE desk_entity (
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    server_revision INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;

-- The desk's open conflicts as of the last sync, for `conflicts list` offline: the
-- server's JSON of each (protocol::wire::Conflict).
CREATE TABLE desk_conflict (
    id        TEXT PRIMARY KEY NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    body      TEXT NOT NULL
) STRICT;
