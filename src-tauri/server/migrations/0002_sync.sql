-- What serving a desk needs beyond its members: join attempts counted for the rate
-- limit (shared by every instance), the entities as they are now, the answers to
-- pushed records, and conflicts.

-- Attempts to join in one minute from one client address (`key`), and from all ('*').
CREATE TABLE join_attempt (
    key      text NOT NULL,
    minute   timestamptz NOT NULL,
    attempts integer NOT NULL,
    PRIMARY KEY (key, minute)
);
CREATE INDEX join_attempt_minute ON join_attempt (minute);

-- Each entity of a desk as the server holds it now: its newest revision (the server's
-- numbering, authoritative) and the state after it.
CREATE TABLE entity (
    desk_id     uuid NOT NULL REFERENCES desk (id),
    kind        text NOT NULL CHECK (kind IN ('programme', 'person', 'series_format')),
    id          text NOT NULL,
    revision    bigint NOT NULL CHECK (revision > 0),
    state       jsonb,                                    -- NULL: gone (deleted, merged away)
    -- A person merged into another: the person kept. Edits to this one land there.
    merged_into text CHECK (merged_into IS NULL OR (kind = 'person' AND state IS NULL)),
    PRIMARY KEY (desk_id, kind, id)
);

-- A change names the state after it (NULL when gone) and, for a person merged away,
-- the person kept; its record id is unique within its desk, not across desks.
ALTER TABLE change ADD COLUMN merged_into text;
ALTER TABLE change DROP CONSTRAINT change_id_key;
ALTER TABLE change ADD CONSTRAINT change_desk_id UNIQUE (desk_id, id);
DROP INDEX change_op;

-- The answer to each pushed record, so pushing it again is answered the same and
-- writes nothing: also for records that made no revision.
CREATE TABLE pushed (
    desk_id  uuid NOT NULL REFERENCES desk (id),
    id       uuid NOT NULL,                               -- the record's own
    outcome  text NOT NULL CHECK (outcome IN ('applied', 'merged', 'conflicted')),
    revision bigint NOT NULL,
    seq      bigint,
    PRIMARY KEY (desk_id, id)
);

-- A field two members changed differently. The desk kept its value (`theirs`); the
-- other (`mine`) waits here until a member resolves it. `field` '' is a whole
-- entity: an edit to something deleted meanwhile. JSON null stands for absent.
CREATE TABLE conflict (
    id          uuid PRIMARY KEY,                         -- UUID v7
    desk_id     uuid NOT NULL REFERENCES desk (id),
    kind        text NOT NULL CHECK (kind IN ('programme', 'person', 'series_format')),
    entity_id   text NOT NULL,
    field       text NOT NULL,
    base        jsonb NOT NULL,
    mine        jsonb NOT NULL,
    theirs      jsonb NOT NULL,
    author      text NOT NULL,
    member_id   uuid NOT NULL,
    change_id   uuid NOT NULL,                            -- the pushed record that raised it
    revision    bigint NOT NULL,                          -- the entity's, when raised
    at          timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    resolved_by uuid,
    kept        text CHECK (kept IN ('mine', 'theirs')),
    FOREIGN KEY (desk_id, member_id) REFERENCES member (desk_id, id),
    CHECK ((resolved_at IS NULL) = (kept IS NULL))
);
CREATE INDEX conflict_open ON conflict (desk_id, at) WHERE resolved_at IS NULL;

-- The programmes that name a person (presenter, guests, segment people), found when
-- the person is merged away; see greenroom-server's store/entity.rs.
CREATE INDEX entity_programme_state ON entity USING gin (state jsonb_path_ops)
    WHERE kind = 'programme';
-- The people merged away, looked up in every pushed programme.
CREATE INDEX entity_merged ON entity (desk_id) WHERE merged_into IS NOT NULL;
