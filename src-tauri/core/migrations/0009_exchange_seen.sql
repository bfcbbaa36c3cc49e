-- Schema v9: what each record was when it last crossed an archive.
--
-- Two machines' clocks cannot say which copy of a record is newer, so an archive
-- import decides by content: every version of a record that was imported here, found
-- identical on import, or exported from here is remembered by its hash (exchange/seen.rs).
-- The newest row of a record (the largest id) is the version this database last
-- exchanged; a copy here that no longer hashes to it was edited here since.
CREATE TABLE exchange_seen (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,  -- person, person+contacts, programme, format
    key TEXT NOT NULL,   -- the record's id; a format's series key
    hash BLOB NOT NULL,  -- SHA-256 of the record as the archive writes it, timestamps left out
    UNIQUE (kind, key, hash)
);
