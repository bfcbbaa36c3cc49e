-- Schema v6: programmes imported from published listings remember which listing they
-- came from, so importing the same listings again creates nothing twice.
--
-- The key is the listing's title and guests as match keys (names.rs), not its raw
-- text: the same listing pasted from another page, with other junk around it or
-- another dash, is the same programme. NULL for programmes entered by hand.
ALTER TABLE programme ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX programme_import_key ON programme (import_key)
    WHERE import_key IS NOT NULL;

-- A guest billed again as they were before changes nothing the search index holds
-- (a person's billed affiliations are indexed once each), so only a new billing, or
-- the last one going, re-indexes them. Re-indexing at every booking cost time in
-- proportion to their appearances: imports of a long archive slowed down as it grew,
-- and a frequent guest made every booking of theirs slow.
CREATE INDEX appearance_person_affiliation ON appearance (person_id, affiliation);

DROP TRIGGER appearance_search_insert;
CREATE TRIGGER appearance_search_insert AFTER INSERT ON appearance
WHEN NEW.affiliation IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM appearance a
    WHERE a.person_id = NEW.person_id AND a.affiliation = NEW.affiliation AND a.id <> NEW.id)
BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.person_id);
END;

DROP TRIGGER appearance_search_delete;
CREATE TRIGGER appearance_search_delete AFTER DELETE ON appearance
WHEN OLD.affiliation IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM appearance a
    WHERE a.person_id = OLD.person_id AND a.affiliation = OLD.affiliation)
BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.person_id);
END;
