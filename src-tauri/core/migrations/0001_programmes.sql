-- Greenroom schema v1: people, programmes, their framing and who appears on them.
-- Instants are Unix milliseconds (UTC); the zone a programme is shown in is kept apart.

CREATE TABLE person (
    id          TEXT PRIMARY KEY NOT NULL,   -- UUID v7
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,               -- Unicode-lowercased, whitespace-collapsed name
    affiliation TEXT,                        -- current affiliation
    notes       TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX person_name_key ON person (name_key);

CREATE TABLE programme (
    id           TEXT PRIMARY KEY NOT NULL,  -- UUID v7
    series       TEXT,
    title        TEXT NOT NULL CHECK (length(title) > 0),
    air_at       INTEGER,                    -- UTC instant, Unix milliseconds
    time_zone    TEXT NOT NULL DEFAULT 'UTC',-- IANA zone the air time is shown in
    slot_seconds INTEGER CHECK (slot_seconds IS NULL OR slot_seconds > 0),
    status       TEXT NOT NULL DEFAULT 'draft'
                 CHECK (status IN ('draft', 'planned', 'confirmed', 'aired', 'cancelled')),
    notes        TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1
) STRICT;
-- The list order: newest air time first, undated last.
CREATE INDEX programme_list_order ON programme (air_at IS NULL, air_at DESC, created_at DESC);

CREATE TABLE framing (
    programme_id TEXT NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    PRIMARY KEY (programme_id, position)
) STRICT;

CREATE TABLE appearance (
    id           TEXT PRIMARY KEY NOT NULL,  -- UUID v7
    programme_id TEXT NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    person_id    TEXT NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    role         TEXT NOT NULL CHECK (role IN ('presenter', 'guest')),
    affiliation  TEXT,                       -- as billed on this programme
    position     INTEGER NOT NULL,
    UNIQUE (programme_id, role, position)
) STRICT;
CREATE INDEX appearance_person ON appearance (person_id);
CREATE UNIQUE INDEX appearance_one_presenter ON appearance (programme_id) WHERE role = 'presenter';
