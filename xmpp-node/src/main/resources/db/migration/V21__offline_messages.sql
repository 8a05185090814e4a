-- Messages stored for accounts without an available resource (RFC 6121 §8.5.2.2, XEP-0160), delivered
-- oldest first (by id) and deleted when a resource becomes available. Rows go away with the account.
CREATE TABLE offline_messages (
    id        bigserial   PRIMARY KEY,
    owner     text        NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    stored_at timestamptz NOT NULL,
    -- the message as delivered later, with its XEP-0203 delay stamp
    stanza    text        NOT NULL
);

CREATE INDEX offline_messages_owner ON offline_messages (owner, id);
