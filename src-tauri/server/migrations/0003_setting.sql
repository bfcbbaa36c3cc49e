-- A desk's settings (the booking-warning thresholds) are entities of kind 'setting',
-- by key: merged, ordered and pulled as the others are.
ALTER TABLE entity DROP CONSTRAINT entity_kind_check;
ALTER TABLE entity ADD CONSTRAINT entity_kind_check
    CHECK (kind IN ('programme', 'person', 'series_format', 'setting'));
ALTER TABLE conflict DROP CONSTRAINT conflict_kind_check;
ALTER TABLE conflict ADD CONSTRAINT conflict_kind_check
    CHECK (kind IN ('programme', 'person', 'series_format', 'setting'));
ALTER TABLE change DROP CONSTRAINT change_entity_check;
ALTER TABLE change ADD CONSTRAINT change_entity_check
    CHECK (entity IN ('programme', 'person', 'series_format', 'setting'));
