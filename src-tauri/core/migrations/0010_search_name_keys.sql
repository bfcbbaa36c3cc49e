-- Schema v9: search folds names the way name matching does.
--
-- Autocomplete and "possible duplicates" compare match keys (names.rs: ASCII, lower
-- case, leading honorifics dropped, particles glued to the next word, a few common
-- spellings unified), so "Dareen Abu Ghaida" is "Dareen Abughaida" there; search
-- compared words as written and found nothing. Each person's index document now also
-- holds their match key in a `keys` column, and search.rs looks for the match key of
-- what was typed in it (as well as the words as typed everywhere), so the three agree.
-- The match key is computed in Rust (it needs deunicode's tables), stored in
-- person.match_key, and cleared on a rename until it is recomputed; the person is
-- re-indexed whenever it changes.

DROP TABLE person_fts;
DROP VIEW person_search_doc;

CREATE VIRTUAL TABLE person_fts USING fts5 (
    name, affiliation, billed, expertise, folded, keys,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mc Mn'",
    prefix = '2 3'
);
-- A match on the key is a match on the name, and ranks as one.
INSERT INTO person_fts (person_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 2.0, 1.0, 10.0)');

CREATE VIEW person_search_doc AS
SELECT id, name, affiliation, billed, expertise, nullif(f4, f0) AS folded, keys
FROM (
SELECT *, replace(replace(replace(replace(replace(f3, char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS f4
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f2, 'Þ', 'TH'), 'ħ', 'h'), 'Ħ', 'H'), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), '') AS f3
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f1, 'Œ', 'OE'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th') AS f2
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f0, 'ı', 'i'), 'ß', 'ss'), 'ẞ', 'SS'), 'ø', 'o'), 'Ø', 'O'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe') AS f1
FROM (
SELECT id, name, affiliation, billed, expertise, keys,
       name || char(10) || affiliation || char(10) || billed || char(10) || expertise AS f0
FROM (
    SELECT p.id, p.name, coalesce(p.affiliation, '') AS affiliation,
           coalesce(p.match_key, '') AS keys,
           coalesce((SELECT group_concat(DISTINCT a.affiliation) FROM appearance a
                     WHERE a.person_id = p.id AND a.affiliation IS NOT NULL), '') AS billed,
           -- A malformed tag list must not make every write to the person fail.
           CASE WHEN json_valid(p.expertise) AND json_type(p.expertise) = 'array'
                THEN coalesce((SELECT group_concat(j.value, char(10))
                               FROM json_each(p.expertise) j), '')
                ELSE '' END AS expertise
    FROM person p
)
)
)
)
)
);

INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded, keys)
    SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded, d.keys
    FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id;

-- The triggers that index a person at once (not paused, migration 0007), now with
-- the keys column; and a new match key re-indexes too.
DROP TRIGGER person_search_insert;
CREATE TRIGGER person_search_insert AFTER INSERT ON person
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    INSERT INTO search_key (ref_id) VALUES (NEW.id);
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded, keys)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded, d.keys
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;

DROP TRIGGER person_search_update;
CREATE TRIGGER person_search_update AFTER UPDATE OF name, affiliation, expertise, match_key ON person
WHEN NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded, keys)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded, d.keys
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
DROP TRIGGER person_search_update_paused;
CREATE TRIGGER person_search_update_paused AFTER UPDATE OF name, affiliation, expertise, match_key ON person
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
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded, keys)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded, d.keys
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.person_id);
END;

DROP TRIGGER appearance_search_update;
CREATE TRIGGER appearance_search_update AFTER UPDATE OF person_id, affiliation ON appearance
WHEN (OLD.affiliation IS NOT NULL OR NEW.affiliation IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM search_paused) BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.person_id, NEW.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded, keys)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded, d.keys
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.person_id, NEW.person_id);
END;

DROP TRIGGER appearance_search_delete;
CREATE TRIGGER appearance_search_delete AFTER DELETE ON appearance
WHEN OLD.affiliation IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_paused) AND NOT EXISTS (
    SELECT 1 FROM appearance a
    WHERE a.person_id = OLD.person_id AND a.affiliation = OLD.affiliation)
BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded, keys)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded, d.keys
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.person_id);
END;
