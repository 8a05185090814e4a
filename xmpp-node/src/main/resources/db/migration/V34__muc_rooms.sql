-- Multi-user chat rooms (XEP-0045) on groups.DOMAIN. A row exists while a room exists: temporary rooms
-- are deleted when their last occupant leaves; a temporary row found at start-up is a leftover and is
-- discarded when the room is next used.
CREATE TABLE muc_rooms (
    localpart      text        PRIMARY KEY,
    -- muc#roomconfig fields (XEP-0045 §10.2)
    persistent     boolean     NOT NULL,
    name           text,
    description    text,
    public_room    boolean     NOT NULL,
    members_only   boolean     NOT NULL,
    moderated      boolean     NOT NULL,
    -- the room secret of a password-protected room (shown back to owners in the form, §10.2)
    password       text,
    whois          text        NOT NULL CHECK (whois IN ('moderators', 'anyone')),
    max_users      integer     NOT NULL,
    allow_invites  boolean     NOT NULL,
    change_subject boolean     NOT NULL,
    history_length integer     NOT NULL,
    archiving      boolean     NOT NULL,
    subject        text,
    subject_by     text,
    -- key of the XEP-0421 occupant-id HMAC; stable for the room's life
    secret         bytea       NOT NULL,
    created_at     timestamptz NOT NULL
);

-- Affiliations (XEP-0045 §5.2) by bare JID, with the nickname reserved through jabber:iq:register (§7.10).
CREATE TABLE muc_affiliations (
    room        text NOT NULL REFERENCES muc_rooms (localpart) ON DELETE CASCADE,
    jid         text NOT NULL,
    affiliation text NOT NULL CHECK (affiliation IN ('owner', 'admin', 'member', 'outcast')),
    nick        text,
    reason      text,
    PRIMARY KEY (room, jid)
);
CREATE UNIQUE INDEX muc_affiliations_nick ON muc_affiliations (room, nick) WHERE nick IS NOT NULL;

-- Room archives (XEP-0313 on the room JID, history on join XEP-0045 §7.2.14): the groupchat message as
-- broadcast, with its XEP-0359 stanza-id.
CREATE TABLE muc_messages (
    seq     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room    text        NOT NULL REFERENCES muc_rooms (localpart) ON DELETE CASCADE,
    id      text        NOT NULL,
    at      timestamptz NOT NULL,
    nick    text        NOT NULL,
    -- the sender's real bare JID (for moderation and 'with' filters; never shown in anonymous rooms)
    sender  text        NOT NULL,
    stanza  text        NOT NULL,
    UNIQUE (room, id)
);
CREATE INDEX muc_messages_room_time ON muc_messages (room, at, seq);
