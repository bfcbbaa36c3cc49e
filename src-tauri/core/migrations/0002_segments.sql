-- Schema v2: a programme's running order, and each series' format (its template).

CREATE TABLE segment (
    programme_id     TEXT NOT NULL REFERENCES programme (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('cold_open', 'intro', 'discussion',
                         'question_block', 'guest_intro', 'break', 'video', 'close', 'other')),
    title            TEXT NOT NULL DEFAULT '',
    duration_seconds INTEGER NOT NULL CHECK (duration_seconds >= 0),
    question         INTEGER CHECK (question IS NULL OR question >= 1), -- 1-based framing item
    notes            TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (programme_id, position)
) STRICT;

CREATE TABLE segment_person (
    programme_id TEXT NOT NULL,
    position     INTEGER NOT NULL,
    person_id    TEXT NOT NULL REFERENCES person (id) ON DELETE RESTRICT,
    ordinal      INTEGER NOT NULL,
    PRIMARY KEY (programme_id, position, person_id),
    FOREIGN KEY (programme_id, position) REFERENCES segment (programme_id, position)
        ON DELETE CASCADE
) STRICT;
CREATE INDEX segment_person_person ON segment_person (person_id);

CREATE TABLE series_format (
    series_key TEXT PRIMARY KEY NOT NULL,   -- the series name, case-folded
    series     TEXT NOT NULL,
    segments   TEXT NOT NULL,               -- JSON array of FormatSegment
    updated_at INTEGER NOT NULL
) STRICT;

-- The shipped example format: a 25-minute, three-guest discussion.
INSERT INTO series_format (series_key, series, segments, updated_at) VALUES (
    'the panel hour', 'The Panel Hour', json('[
      {"kind": "cold_open",      "title": "Cold open",              "durationSeconds": 45,  "notes": "Strongest pictures of the day"},
      {"kind": "intro",          "title": "The question tonight",   "durationSeconds": 75,  "notes": ""},
      {"kind": "guest_intro",    "title": "Introduce the panel",    "durationSeconds": 60,  "notes": "Three guests: name and billing"},
      {"kind": "video",          "title": "Report",                 "durationSeconds": 90,  "notes": ""},
      {"kind": "discussion",     "title": "First question",         "durationSeconds": 420, "notes": ""},
      {"kind": "discussion",     "title": "Second question",        "durationSeconds": 420, "notes": ""},
      {"kind": "question_block", "title": "Quick-fire round",       "durationSeconds": 300, "notes": ""},
      {"kind": "close",          "title": "Last word to each guest","durationSeconds": 90,  "notes": "Hard out"}
    ]'), 0);
