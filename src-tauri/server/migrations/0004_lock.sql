-- Locks for air: an entity (a programme) a member locked; the desk refuses every
-- other member's change to it until the holder or an admin unlocks it.
CREATE TABLE lock (
    desk_id   uuid NOT NULL REFERENCES desk (id),
    entity    text NOT NULL CHECK (entity IN ('programme')),
    entity_id text NOT NULL,
    member_id uuid NOT NULL,
    since     timestamptz NOT NULL DEFAULT now(),           -- the server's clock, shown only
    PRIMARY KEY (desk_id, entity, entity_id),
    FOREIGN KEY (desk_id, member_id) REFERENCES member (desk_id, id)
);

-- A conflict may be resolved with a new value written by the member resolving.
ALTER TABLE conflict DROP CONSTRAINT conflict_kept_check;
ALTER TABLE conflict ADD CONSTRAINT conflict_kept_check
    CHECK (kept IN ('mine', 'theirs', 'value'));
