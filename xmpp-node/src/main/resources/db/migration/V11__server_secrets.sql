-- Random secrets the node generates once and keeps across restarts (e.g. the key that derives SCRAM
-- salts for names that are not accounts). Written by the node with ON CONFLICT DO NOTHING.
CREATE TABLE server_secrets (
    name       text        PRIMARY KEY,
    value      bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
