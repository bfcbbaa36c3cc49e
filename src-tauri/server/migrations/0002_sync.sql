-- What serving a desk needs beyond its members: join attempts counted for the rate
-- limit (shared by every instance).

-- Attempts to join in one minute from one client address (`key`), and from all ('*').
CREATE TABLE join_attempt (
    key      text NOT NULL,
    minute   timestamptz NOT NULL,
    attempts integer NOT NULL,
    PRIMARY KEY (key, minute)
);
CREATE INDEX join_attempt_minute ON join_attempt (minute);
