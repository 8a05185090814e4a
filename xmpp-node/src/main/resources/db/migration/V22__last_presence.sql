-- When each account was last seen going unavailable, with the status it left (RFC 6121 §4.3.2: the answer
-- to a presence probe for an account with no available resource).
CREATE TABLE last_presence (
    owner  text        PRIMARY KEY REFERENCES accounts (localpart) ON DELETE CASCADE,
    at     timestamptz NOT NULL,
    status text
);
