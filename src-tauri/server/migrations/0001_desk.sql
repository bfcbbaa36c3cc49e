-- A desk, its members and invites, and the change log the server orders. Every row
-- but a desk's own belongs to one desk, and every query names it: a member of one desk
-- never reads or writes another's.

CREATE TABLE desk (
    id         uuid PRIMARY KEY,                          -- UUID v7
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE member (
    id         uuid PRIMARY KEY,                          -- UUID v7
    desk_id    uuid NOT NULL REFERENCES desk (id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role       text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    -- SHA-256 of the member's token; the token itself is never stored.
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    -- What `change` refers to, so a change can only name a member of its own desk.
    UNIQUE (desk_id, id)
);

CREATE TABLE invite (
    -- SHA-256 of the code; the code itself is printed once and never stored.
    code_hash  bytea PRIMARY KEY CHECK (length(code_hash) = 32),
    desk_id    uuid NOT NULL REFERENCES desk (id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    role       text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,                                -- single use
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invite_desk ON invite (desk_id);

-- The desk's changes in the order the server applied them (`seq`); a pull asks for
-- what came after the last `seq` it applied. The records are the core's
-- (greenroom-core store/change.rs) with the server's revision.
CREATE TABLE change (
    seq         bigserial PRIMARY KEY,
    desk_id     uuid NOT NULL REFERENCES desk (id),
    entity      text NOT NULL CHECK (entity IN ('programme', 'person', 'series_format')),
    entity_id   text NOT NULL,
    revision    bigint NOT NULL CHECK (revision > 0),
    id          uuid NOT NULL UNIQUE,                     -- the record's own, from the client
    client_op   uuid NOT NULL,                            -- the push's operation: applied once
    member_id   uuid NOT NULL,
    operation   text NOT NULL
                CHECK (operation IN ('create', 'update', 'delete', 'restore', 'merge',
                                     'unmerge', 'import')),
    author      text NOT NULL,
    at          timestamptz NOT NULL,                     -- the client's clock: shown, never compared
    format      integer NOT NULL,
    changes     jsonb NOT NULL,
    state       jsonb,
    received_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (desk_id, member_id) REFERENCES member (desk_id, id),
    UNIQUE (desk_id, entity, entity_id, revision)
);
CREATE INDEX change_pull ON change (desk_id, seq);
CREATE INDEX change_op ON change (desk_id, client_op);
