-- Accounts of the served domain, keyed by the localpart normalised per RFC 7622 §3.3
-- (PRECIS UsernameCaseMapped), and their SCRAM credentials (RFC 5802 §3, RFC 7677).
-- Passwords are never stored: only salt, iteration count, StoredKey and ServerKey per hash.
CREATE TABLE accounts (
    localpart  text        PRIMARY KEY,
    role       text        NOT NULL DEFAULT 'USER' CHECK (role IN ('LIMITED', 'USER', 'ADMIN')),
    disabled   boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);

CREATE TABLE account_credentials (
    localpart  text    NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    mechanism  text    NOT NULL CHECK (mechanism IN ('SCRAM-SHA-1', 'SCRAM-SHA-256')),
    salt       bytea   NOT NULL,
    iterations integer NOT NULL CHECK (iterations > 0),
    stored_key bytea   NOT NULL,
    server_key bytea   NOT NULL,
    PRIMARY KEY (localpart, mechanism)
);
