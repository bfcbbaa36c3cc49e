-- Schema v5: matching people by name, and merging duplicates undoably.

-- The name folded for matching (ASCII, lower case, no honorific, particles glued:
-- see names.rs). Filled from Rust, which has the transliteration tables: after this
-- migration every NULL key is computed on open, and new people get theirs on insert.
ALTER TABLE person ADD COLUMN match_key TEXT;
CREATE INDEX person_match_key ON person (match_key);

-- One merge of `drop_id` into `keep_id`. `record` is JSON holding everything undo needs:
-- the dropped person's full row, the programmes whose appearances and segment places
-- moved, and the values of the kept person's fields before they were filled in.
-- No foreign keys: the dropped person no longer exists, and the kept one may later be
-- merged away in turn (undo then asks for the later merge to be undone first).
CREATE TABLE person_merge (
    id        INTEGER PRIMARY KEY,
    keep_id   TEXT NOT NULL,
    drop_id   TEXT NOT NULL,
    record    TEXT NOT NULL CHECK (json_valid(record)),
    merged_at INTEGER NOT NULL,              -- Unix milliseconds
    undone_at INTEGER                        -- NULL while the merge stands
) STRICT;
CREATE INDEX person_merge_keep ON person_merge (keep_id);
CREATE INDEX person_merge_drop ON person_merge (drop_id);

-- A renamed person's key is stale: clear it, and the next lookup recomputes it
-- (names::fill_missing_keys), whichever code path did the renaming.
CREATE TRIGGER person_match_key_stale AFTER UPDATE OF name ON person
WHEN NEW.name IS NOT OLD.name
BEGIN
    UPDATE person SET match_key = NULL WHERE id = NEW.id;
END;
