-- Schema v4: full-text search over programmes and people (SQLite FTS5).
--
-- The index is kept in sync by triggers, not by the Rust write paths, so that every
-- write (including ones added later, such as merging people or editing a profile)
-- updates it in the same transaction without having to remember to.
--
-- Matching ignores case and accents: unicode61 with remove_diacritics 2 folds ğ, é, İ…
-- but not letters that have no decomposition (dotless ı, ø, ł, ß, æ…), and it keeps
-- Arabic vowel marks (harakat) and tatweel, which are mostly left out when typing.
-- Those are folded here with replace(), into a `folded` column that holds the whole
-- document only when folding changes it; the other columns keep the text as typed, so
-- snippets show it as typed. The query side applies the same table (search.rs, FOLDS;
-- a test checks the two agree).

-- FTS rowids must not move. programme and person have TEXT primary keys, so their
-- implicit rowids may be renumbered by VACUUM; each indexed row gets its own docid.
CREATE TABLE search_key (
    docid  INTEGER PRIMARY KEY,
    ref_id TEXT NOT NULL UNIQUE   -- a programme or person id (UUIDs never collide)
) STRICT;

-- Marks (Mn, Mc) are part of words, not separators: otherwise an Arabic vowel mark or a
-- Devanagari vowel sign would split a word in two. prefix: results come as the user
-- types, so short prefixes must be cheap.
CREATE VIRTUAL TABLE programme_fts USING fts5 (
    title, series, framing, notes, folded,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mc Mn'",
    prefix = '2 3'
);
CREATE VIRTUAL TABLE person_fts USING fts5 (
    name, affiliation, billed, expertise, folded,
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co Mc Mn'",
    prefix = '2 3'
);
-- Best match first: a hit in a title or a name counts for more than one in notes.
INSERT INTO programme_fts (programme_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 2.0, 1.0, 1.0)');
INSERT INTO person_fts (person_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 2.0, 1.0)');

-- The documents. f0 is all of a document's text; each layer folds a few more letters
-- (layers rather than one deep replace() nest, which older SQLite parsers overflow on).

-- Each programme: title, series, framing items, notes.
CREATE VIEW programme_search_doc AS
SELECT id, title, series, framing, notes, nullif(f4, f0) AS folded
FROM (
SELECT *, replace(replace(replace(replace(replace(f3, char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS f4
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f2, 'Þ', 'TH'), 'ħ', 'h'), 'Ħ', 'H'), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), '') AS f3
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f1, 'Œ', 'OE'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th') AS f2
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f0, 'ı', 'i'), 'ß', 'ss'), 'ẞ', 'SS'), 'ø', 'o'), 'Ø', 'O'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe') AS f1
FROM (
SELECT p.id, p.title, coalesce(p.series, '') AS series, p.notes,
       coalesce((SELECT group_concat(f.text, char(10))
                 FROM (SELECT text FROM framing WHERE programme_id = p.id
                       ORDER BY position) f), '') AS framing,
       p.title || char(10) || coalesce(p.series, '') || char(10)
           || coalesce((SELECT group_concat(text, char(10)) FROM framing
                        WHERE programme_id = p.id), '')
           || char(10) || p.notes AS f0
FROM programme p
)
)
)
)
);

-- Each person: name, current affiliation, every affiliation they were billed with,
-- and their expertise tags.
CREATE VIEW person_search_doc AS
SELECT id, name, affiliation, billed, expertise, nullif(f4, f0) AS folded
FROM (
SELECT *, replace(replace(replace(replace(replace(f3, char(1616), ''), char(1617), ''), char(1618), ''), char(1648), ''), char(1600), '') AS f4
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f2, 'Þ', 'TH'), 'ħ', 'h'), 'Ħ', 'H'), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), '') AS f3
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f1, 'Œ', 'OE'), 'ł', 'l'), 'Ł', 'L'), 'đ', 'd'), 'Đ', 'D'), 'ð', 'd'), 'Ð', 'D'), 'þ', 'th') AS f2
FROM (
SELECT *, replace(replace(replace(replace(replace(replace(replace(replace(f0, 'ı', 'i'), 'ß', 'ss'), 'ẞ', 'SS'), 'ø', 'o'), 'Ø', 'O'), 'æ', 'ae'), 'Æ', 'AE'), 'œ', 'oe') AS f1
FROM (
SELECT id, name, affiliation, billed, expertise,
       name || char(10) || affiliation || char(10) || billed || char(10) || expertise AS f0
FROM (
    SELECT p.id, p.name, coalesce(p.affiliation, '') AS affiliation,
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

-- Existing rows.
INSERT INTO search_key (ref_id) SELECT id FROM programme;
INSERT INTO search_key (ref_id) SELECT id FROM person;
INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
    SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
    FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id;
INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
    SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
    FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id;

-- Programmes. A programme's framing is written after its row, so the framing
-- triggers re-index it too; deleting a programme cascades to framing, whose triggers
-- then find no programme to index.
CREATE TRIGGER programme_search_insert AFTER INSERT ON programme BEGIN
    INSERT INTO search_key (ref_id) VALUES (NEW.id);
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER programme_search_update AFTER UPDATE OF title, series, notes ON programme BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER programme_search_delete AFTER DELETE ON programme BEGIN
    DELETE FROM programme_fts WHERE rowid = (SELECT docid FROM search_key WHERE ref_id = OLD.id);
    DELETE FROM search_key WHERE ref_id = OLD.id;
END;
CREATE TRIGGER framing_search_insert AFTER INSERT ON framing BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.programme_id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.programme_id);
END;
CREATE TRIGGER framing_search_update AFTER UPDATE ON framing BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.programme_id, NEW.programme_id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.programme_id, NEW.programme_id);
END;
CREATE TRIGGER framing_search_delete AFTER DELETE ON framing BEGIN
    DELETE FROM programme_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.programme_id));
    INSERT INTO programme_fts (rowid, title, series, framing, notes, folded)
        SELECT k.docid, d.title, d.series, d.framing, d.notes, d.folded
        FROM programme_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.programme_id);
END;

-- People, and the affiliations they are billed with on each appearance. Appearances
-- without a billed affiliation (presenters, mostly) change nothing that is indexed, so
-- they skip the re-index: a presenter has thousands of appearances.
CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN
    INSERT INTO search_key (ref_id) VALUES (NEW.id);
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER person_search_update AFTER UPDATE OF name, affiliation, expertise ON person BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.id);
END;
CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN
    DELETE FROM person_fts WHERE rowid = (SELECT docid FROM search_key WHERE ref_id = OLD.id);
    DELETE FROM search_key WHERE ref_id = OLD.id;
END;
CREATE TRIGGER appearance_search_insert AFTER INSERT ON appearance
WHEN NEW.affiliation IS NOT NULL BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (NEW.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (NEW.person_id);
END;
CREATE TRIGGER appearance_search_update AFTER UPDATE OF person_id, affiliation ON appearance
WHEN OLD.affiliation IS NOT NULL OR NEW.affiliation IS NOT NULL BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.person_id, NEW.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.person_id, NEW.person_id);
END;
CREATE TRIGGER appearance_search_delete AFTER DELETE ON appearance
WHEN OLD.affiliation IS NOT NULL BEGIN
    DELETE FROM person_fts WHERE rowid IN (SELECT docid FROM search_key WHERE ref_id IN (OLD.person_id));
    INSERT INTO person_fts (rowid, name, affiliation, billed, expertise, folded)
        SELECT k.docid, d.name, d.affiliation, d.billed, d.expertise, d.folded
        FROM person_search_doc d JOIN search_key k ON k.ref_id = d.id WHERE d.id IN (OLD.person_id);
END;
