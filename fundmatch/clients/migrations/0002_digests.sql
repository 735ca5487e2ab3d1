-- What each client's digest has seen: the facts of each opportunity at the last digest, and what
-- each digest reported (kept, so that --since can list earlier reports again).
CREATE TABLE digest_seen (
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    opportunity_id TEXT NOT NULL,
    facts TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    PRIMARY KEY (profile_id, opportunity_id)
);
CREATE TABLE digest_runs (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    as_of TEXT NOT NULL,
    run_at TEXT NOT NULL
);
CREATE TABLE digest_events (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES digest_runs(id) ON DELETE CASCADE,
    opportunity_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL,
    recommendation TEXT NOT NULL
);
CREATE INDEX digest_runs_by_profile ON digest_runs(profile_id, as_of);
