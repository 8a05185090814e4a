-- FAST tokens (XEP-0484): per account and client installation (the SASL2 user-agent id, XEP-0388), at
-- most two: the one in use ('current') and a newer one handed out but not yet used ('new', §4.5 / §6.1).
-- Only the SHA-256 digest of a token is kept. The HT mechanisms key their HMAC with the token, and a token
-- is longer than the HMAC block, so HMAC hashes it first (RFC 2104 §2): the digest verifies logins, and it
-- is as sensitive as the token until expires_at. The software and device names are the client's own
-- description (XEP-0388 §2.3), shown to the account's owner only. Rows go away with the account.
CREATE TABLE fast_tokens (
    localpart  text        NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    client_id  text        NOT NULL,
    slot       text        NOT NULL CHECK (slot IN ('current', 'new')),
    mechanism  text        NOT NULL,
    token_hash bytea       NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    software   text,
    device     text,
    PRIMARY KEY (localpart, client_id, slot)
);
