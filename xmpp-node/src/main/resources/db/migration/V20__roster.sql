-- Rosters (RFC 6121 §2) with the presence subscription state of each contact (RFC 6121 §3, Appendix A).
--
-- A row exists for every contact the account has on its roster ('listed') and for every contact that
-- only has a pending inbound subscription request (not listed: RFC 6121 §3.1.3 keeps the request
-- without adding the contact to the roster). Rows go away with the account.
CREATE TABLE roster_items (
    owner        text    NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    -- the contact's JID, normalised per RFC 7622 (usually a bare JID)
    contact      text    NOT NULL,
    name         text,
    groups       text[]  NOT NULL DEFAULT '{}',
    -- RFC 6121 §2.1.2.5
    subscription text    NOT NULL DEFAULT 'none' CHECK (subscription IN ('none', 'to', 'from', 'both')),
    -- the account asked for a subscription to the contact (Pending Out, ask='subscribe', §2.1.2.2)
    pending_out  boolean NOT NULL DEFAULT false,
    -- the complete presence stanza of a pending inbound subscription request (Pending In, §3.1.3)
    pending_in   text,
    -- the account pre-approved a subscription request from the contact (§3.4)
    approved     boolean NOT NULL DEFAULT false,
    -- whether the contact is on the roster the account sees
    listed       boolean NOT NULL DEFAULT true,
    PRIMARY KEY (owner, contact)
);

-- Local contacts' rows for an account (cleanup when that account is deleted).
CREATE INDEX roster_items_contact ON roster_items (contact);

-- Roster versions (RFC 6121 §2.6): drawn from one sequence, so that a version is never reused, not
-- even by a new account that takes a deleted account's name.
CREATE SEQUENCE roster_version_seq;

CREATE TABLE roster_versions (
    owner   text   PRIMARY KEY REFERENCES accounts (localpart) ON DELETE CASCADE,
    version bigint NOT NULL
);
