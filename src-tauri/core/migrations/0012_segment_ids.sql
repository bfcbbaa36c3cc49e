-- Schema v12: segments get an identity of their own.

-- A segment's id (UUID v7) stays with it through edits and moves: a desk merges
-- running orders by it. Rows stored before have none until the open step fills them
-- in (store/migrate.rs: a hash SQL cannot compute); the partial index finds those.
ALTER TABLE segment ADD COLUMN id TEXT;
CREATE UNIQUE INDEX segment_id ON segment (programme_id, id);
CREATE INDEX segment_without_id ON segment (programme_id) WHERE id IS NULL;
