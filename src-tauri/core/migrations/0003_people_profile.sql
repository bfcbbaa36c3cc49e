-- Schema v3: what the directory knows about a person beyond their name.
-- Contact details are private: exports leave them out unless asked for.

ALTER TABLE person ADD COLUMN honorific TEXT;                 -- Dr, Prof, Gen… (not part of the name)
ALTER TABLE person ADD COLUMN expertise TEXT NOT NULL DEFAULT '[]';  -- JSON array of tags
ALTER TABLE person ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';  -- JSON array
ALTER TABLE person ADD COLUMN base_city TEXT;
ALTER TABLE person ADD COLUMN base_time_zone TEXT;            -- IANA zone, for remote guests
ALTER TABLE person ADD COLUMN email TEXT;
ALTER TABLE person ADD COLUMN phone TEXT;
-- Only for the balance report; off unless a producer records it.
ALTER TABLE person ADD COLUMN gender TEXT;                    -- self-described, free text
ALTER TABLE person ADD COLUMN gender_source TEXT
    CHECK (gender_source IS NULL OR gender_source IN ('self', 'inferred'));

-- Guest history walks a person's appearances newest first.
CREATE INDEX appearance_person_programme ON appearance (person_id, programme_id);
DROP INDEX appearance_person;  -- the index above covers it

-- Producer settings (booking-warning thresholds…), one value per key.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
