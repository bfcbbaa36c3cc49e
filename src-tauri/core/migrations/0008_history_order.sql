-- Schema v8: a guest's history read from one index.
--
-- The history needs every appearance's air time and programme status (for its totals,
-- billings over time and timeline) and reads them newest first. Read through the
-- programme table, that was a lookup per appearance: 2–3 ms for a guest with 700
-- appearances before anything was shown. Each appearance now carries a copy of its
-- programme's air time and status, and one index holds everything the history reads
-- for all of a person's appearances, in the order it shows them; only the page of
-- rows on screen goes to the programme table. The copies are written with the
-- appearance (programmes.rs, generate/insert.rs) and follow the programme through the
-- trigger below.
ALTER TABLE appearance ADD COLUMN programme_air_at INTEGER;  -- = programme.air_at
ALTER TABLE appearance ADD COLUMN programme_status TEXT NOT NULL DEFAULT 'draft';  -- = programme.status
UPDATE appearance SET (programme_air_at, programme_status) =
    (SELECT air_at, status FROM programme WHERE programme.id = appearance.programme_id);

-- Newest first with undated programmes last (NULL sorts last in DESC), then by
-- programme id, which as a UUID v7 follows the order programmes were created in.
CREATE INDEX appearance_history ON appearance
    (person_id, programme_air_at DESC, programme_id DESC, programme_status, role, affiliation);

CREATE TRIGGER programme_history_copy AFTER UPDATE OF air_at, status ON programme
WHEN OLD.air_at IS NOT NEW.air_at OR OLD.status IS NOT NEW.status BEGIN
    UPDATE appearance SET programme_air_at = NEW.air_at, programme_status = NEW.status
    WHERE programme_id = NEW.id;
END;
