-- Every change to the archive, recorded in the transaction that makes it (through
-- Store::write, store/write.rs): who, when, what, and the entity's full new state. The
-- unit the shared desk will exchange: a change is ordered within its entity by the
-- entity's revision counter, never by `at` (another machine's clock decides nothing).
CREATE TABLE change (
    id        TEXT PRIMARY KEY NOT NULL,            -- UUID v7
    entity    TEXT NOT NULL CHECK (entity IN ('programme', 'person', 'series_format')),
    entity_id TEXT NOT NULL,
    revision  INTEGER NOT NULL CHECK (revision > 0),
    operation TEXT NOT NULL
              CHECK (operation IN ('create', 'update', 'delete', 'restore', 'merge',
                                   'unmerge', 'import')),
    author    TEXT NOT NULL,
    at        INTEGER NOT NULL,                     -- UTC, Unix milliseconds; shown, never compared
    format    INTEGER NOT NULL,                     -- version of `state`'s JSON
    state     TEXT NOT NULL,                        -- the entity after the change, JSON
    changes   TEXT NOT NULL                         -- [{field, from, to}] against the revision before
) STRICT;
CREATE UNIQUE INDEX change_by_entity ON change (entity, entity_id, revision);
