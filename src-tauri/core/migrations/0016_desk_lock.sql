-- Schema v16: the desk's locks for air as of the last sync (or the last `locks`
-- event): a programme locked by another member is refused here before it is changed.
-- Refreshed whole from the server's GET /v1/locks; empty without a desk.
CREATE TABLE desk_lock (
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    member_id   TEXT NOT NULL,
    member_name TEXT NOT NULL,
    since       INTEGER NOT NULL,              -- Unix milliseconds, the server's clock: shown only
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;
