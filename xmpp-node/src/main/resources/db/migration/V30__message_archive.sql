-- Per-account message archives (XEP-0313 §3). One row per archived message and archive; a conversation
-- between two local accounts is stored twice, once in each archive, under different ids.
CREATE TABLE mam_messages (
    -- insertion order: breaks ties between messages archived within the same clock tick (§3.1)
    seq       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner     text        NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    -- the archive UID and XEP-0359 stanza-id: 128 random bits, base64url; unpredictable (§3, XEP-0359 §8)
    id        text        NOT NULL,
    -- when the server received the message (from the node's clock)
    at        timestamptz NOT NULL,
    -- the contact: bare JID the message came from ('in') or went to ('out')
    with_jid  text        NOT NULL,
    -- its resource, when the address had one (a full-JID 'with' filter matches it, §4.1.1)
    with_resource text,
    direction text        NOT NULL CHECK (direction IN ('in', 'out')),
    -- the message as archived, serialised in the jabber:client namespace
    stanza    text        NOT NULL,
    UNIQUE (owner, id)
);

-- Queries page in (at, seq) order, optionally filtered by contact.
CREATE INDEX mam_messages_owner_time ON mam_messages (owner, at, seq);
CREATE INDEX mam_messages_owner_with_time ON mam_messages (owner, with_jid, at, seq);
-- Retention deletes the oldest rows of all archives.
CREATE INDEX mam_messages_time ON mam_messages (at);
