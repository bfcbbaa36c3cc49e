-- Schema v14: changes of a desk this database could not take or the desk refused,
-- parked so that one of them never stops a sync: a pulled change that cannot be
-- applied here (the sync position moves past it), a pushed one the server refused
-- as malformed (it leaves the queue). `desk status` counts them, `sync` names them.
CREATE TABLE desk_rejected (
    n         INTEGER PRIMARY KEY AUTOINCREMENT,
    side      TEXT NOT NULL CHECK (side IN ('pulled', 'pushed')),
    id        TEXT NOT NULL,                -- the change record's id
    seq       INTEGER,                      -- pulled: its place in the desk's order
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    reason    TEXT NOT NULL,
    body      TEXT NOT NULL,                -- the change as it came or went (wire JSON)
    at        INTEGER NOT NULL              -- Unix milliseconds, when it was parked
) STRICT;

-- A desk served over plain http:// on a host other than loopback, joined with
-- --allow-insecure-http (a TLS-terminating proxy on a trusted network): said so,
-- so the client keeps accepting that address.
ALTER TABLE desk_link ADD COLUMN insecure_http INTEGER NOT NULL DEFAULT 0
    CHECK (insecure_http IN (0, 1));
