-- Schema v15: the desk's settings (the booking-warning thresholds, settings/mod.rs)
-- are recorded and queued as changes of kind 'setting', by key. SQLite changes a CHECK
-- only by rebuilding its table: `change` and `desk_outbox` are copied as they are.
CREATE TABLE change_v15 (
    entity    TEXT NOT NULL
              CHECK (entity IN ('programme', 'person', 'series_format', 'setting')),
    entity_id TEXT NOT NULL,
    revision  INTEGER NOT NULL CHECK (revision > 0),
    id        TEXT NOT NULL,
    operation TEXT NOT NULL
              CHECK (operation IN ('create', 'update', 'delete', 'restore', 'merge',
                                   'unmerge', 'import')),
    author    TEXT NOT NULL,
    at        INTEGER NOT NULL,
    format    INTEGER NOT NULL,
    changes   TEXT NOT NULL,
    state     TEXT,
    PRIMARY KEY (entity, entity_id, revision)
) STRICT, WITHOUT ROWID;
INSERT INTO change_v15 SELECT entity, entity_id, revision, id, operation, author, at,
                              format, changes, state FROM change;
DROP TABLE change;
ALTER TABLE change_v15 RENAME TO change;
CREATE INDEX change_gone ON change (at) WHERE state IS NOT NULL;

CREATE TABLE desk_outbox_v15 (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    client_op     TEXT NOT NULL,
    entity        TEXT NOT NULL
                  CHECK (entity IN ('programme', 'person', 'series_format', 'setting')),
    entity_id     TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    base_revision INTEGER NOT NULL,
    operation     TEXT NOT NULL,
    author        TEXT NOT NULL,
    at            INTEGER NOT NULL,
    before        TEXT,
    after         TEXT,
    merged_into   TEXT
) STRICT;
INSERT INTO desk_outbox_v15 SELECT seq, id, client_op, entity, entity_id, revision,
                                   base_revision, operation, author, at, before, after,
                                   merged_into FROM desk_outbox;
DROP TABLE desk_outbox;
ALTER TABLE desk_outbox_v15 RENAME TO desk_outbox;
CREATE INDEX desk_outbox_entity ON desk_outbox (entity, entity_id);
