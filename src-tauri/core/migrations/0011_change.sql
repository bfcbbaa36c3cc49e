-- Every change to the archive, recorded in the transaction that makes it (through
-- Store::write, store/write.rs): who, when, and what changed (store/change.rs). The unit
-- the shared desk will exchange: a change is ordered within its entity by the entity's
-- revision counter, never by `at` (another machine's clock decides nothing).
CREATE TABLE change (
    entity    TEXT NOT NULL CHECK (entity IN ('programme', 'person', 'series_format')),
    entity_id TEXT NOT NULL,
    revision  INTEGER NOT NULL CHECK (revision > 0),
    id        TEXT NOT NULL,                        -- UUID v7, the record's own
    operation TEXT NOT NULL
              CHECK (operation IN ('create', 'update', 'delete', 'restore', 'merge',
                                   'unmerge', 'import')),
    author    TEXT NOT NULL,
    at        INTEGER NOT NULL,                     -- UTC, Unix milliseconds; shown, never compared
    format    INTEGER NOT NULL,                     -- version of the JSON below
    -- [{field, from, to}] against the revision before; `from` is what rebuilding an
    -- earlier revision puts back. Empty for a creation and a deletion.
    changes   TEXT NOT NULL,
    -- The whole last state of an entity that is gone (deleted, merged away): what the
    -- trash restores and earlier revisions are rebuilt from. NULL otherwise: the live
    -- rows hold the newest state.
    state     TEXT,
    PRIMARY KEY (entity, entity_id, revision)
) STRICT, WITHOUT ROWID;
-- The trash: records of entities that are gone, by when.
CREATE INDEX change_gone ON change (at) WHERE state IS NOT NULL;

-- A merge whose dropped person was emptied from the trash can no longer be undone.
ALTER TABLE person_merge ADD COLUMN emptied_at INTEGER;
