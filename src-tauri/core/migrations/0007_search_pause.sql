-- Schema v7: a bulk write can hold the search index back and re-index once.
--
-- Each statement that fired a search trigger used to write its own tiny FTS5 segment
-- (FTS5 flushes at every statement inside a transaction), which FTS5 then had to
-- merge: a third of a 10,000-listing import. While `search_paused` holds its row the
-- triggers only note what changed in `search_dirty`; the writer re-indexes those
-- documents once and removes both rows in the same transaction (search_index.rs), so
-- no other connection ever sees the index behind. Outside such a transaction the
-- triggers index at once, as before.
CREATE TABLE search_paused (one INTEGER PRIMARY KEY CHECK (one = 1));
CREATE TABLE search_dirty (
    ref_id TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('programme', 'person')),
    PRIMARY KEY (kind, ref_id)
) WITHOUT ROWID;

-- Programmes.
DROP TRIGGER programme_search_insert;
CREATE TRIGGER programme_search_insert AFTER INSERT ON programme
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_key (ref_id) VALUES (NEW.id);
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER programme_search_insert_paused AFTER INSERT ON programme
WHEN EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_key (ref_id) VALUES (NEW.id);
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('programme', NEW.id);
END;

DROP TRIGGER programme_search_update;
CREATE TRIGGER programme_search_update AFTER UPDATE OF title, series, notes ON programme
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER programme_search_update_paused AFTER UPDATE OF title, series, notes ON programme
WHEN EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('programme', NEW.id);
END;

DROP TRIGGER framing_search_insert;
CREATE TRIGGER framing_search_insert AFTER INSERT ON framing
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.programme_id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.programme_id);
END;
CREATE TRIGGER framing_search_insert_paused AFTER INSERT ON framing
WHEN EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('programme', NEW.programme_id);
END;

DROP TRIGGER framing_search_update;
CREATE TRIGGER framing_search_update AFTER UPDATE ON framing
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.programme_id, NEW.programme_id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.programme_id, NEW.programme_id);
END;
CREATE TRIGGER framing_search_update_paused AFTER UPDATE ON framing
WHEN EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id)
        VALUES ('programme', OLD.programme_id), ('programme', NEW.programme_id);
END;

DROP TRIGGER framing_search_delete;
CREATE TRIGGER framing_search_delete AFTER DELETE ON framing
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.programme_id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.programme_id);
END;
CREATE TRIGGER framing_search_delete_paused AFTER DELETE ON framing
WHEN EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('programme', OLD.programme_id);
END;

-- People. A guest's billed affiliations are part of their document: a booking with a
-- billing new to them (or the last one with a billing going) marks them, as it
-- re-indexes them when not paused (migration 0006).
DROP TRIGGER person_search_insert;
CREATE TRIGGER person_search_insert AFTER INSERT ON person
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_key (ref_id) VALUES (NEW.id);
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER person_search_insert_paused AFTER INSERT ON person
WHEN EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_key (ref_id) VALUES (NEW.id);
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('person', NEW.id);
END;

DROP TRIGGER person_search_update;
CREATE TRIGGER person_search_update AFTER UPDATE OF name, affiliation, expertise ON person
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER person_search_update_paused AFTER UPDATE OF name, affiliation, expertise ON person
WHEN EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('person', NEW.id);
END;

DROP TRIGGER appearance_search_insert;
CREATE TRIGGER appearance_search_insert AFTER INSERT ON appearance
WHEN NEW.affiliation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_paused) AND NOT EXISTS (
    SELECT 1 FROM appearance a
    WHERE a.person_id = NEW.person_id AND a.affiliation = NEW.affiliation AND a.id <> NEW.id)
BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.person_id);
END;
CREATE TRIGGER appearance_search_insert_paused AFTER INSERT ON appearance
WHEN NEW.affiliation IS NOT NULL AND EXISTS (SELECT 1 FROM search_paused) AND NOT EXISTS (
    SELECT 1 FROM appearance a
    WHERE a.person_id = NEW.person_id AND a.affiliation = NEW.affiliation AND a.id <> NEW.id)
BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('person', NEW.person_id);
END;

DROP TRIGGER appearance_search_update;
CREATE TRIGGER appearance_search_update AFTER UPDATE OF person_id, affiliation ON appearance
WHEN (OLD.affiliation IS NOT NULL OR NEW.affiliation IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.person_id, NEW.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER appearance_search_update_paused AFTER UPDATE OF person_id, affiliation ON appearance
WHEN (OLD.affiliation IS NOT NULL OR NEW.affiliation IS NOT NULL)
    AND EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id)
        VALUES ('person', OLD.person_id), ('person', NEW.person_id);
END;

DROP TRIGGER appearance_search_delete;
CREATE TRIGGER appearance_search_delete AFTER DELETE ON appearance
WHEN OLD.affiliation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_paused) AND NOT EXISTS (
    SELECT 1 FROM appearance a
    WHERE a.person_id = OLD.person_id AND a.affiliation = OLD.affiliation)
BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.person_id);
END;
CREATE TRIGGER appearance_search_delete_paused AFTER DELETE ON appearance
WHEN OLD.affiliation IS NOT NULL AND EXISTS (SELECT 1 FROM search_paused) AND NOT EXISTS (
    SELECT 1 FROM appearance a
    WHERE a.person_id = OLD.person_id AND a.affiliation = OLD.affiliation)
BEGIN
    INSERT OR IGNORE INTO search_dirty (kind, ref_id) VALUES ('person', OLD.person_id);
END;
