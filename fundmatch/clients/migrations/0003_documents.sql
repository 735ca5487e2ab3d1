-- A client's own call documents: their passages and vectors, searched with the snapshot.
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    embedding_model TEXT NOT NULL,
    opportunity TEXT,
    added_at TEXT NOT NULL,
    UNIQUE (profile_id, sha256)
);
CREATE TABLE document_passages (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    passage TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (document_id, position)
);
