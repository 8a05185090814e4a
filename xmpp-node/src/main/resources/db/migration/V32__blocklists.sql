-- Block lists (XEP-0191): the JIDs (full, bare, domain/resource or domain: §6 JID matching) each account blocks.
CREATE TABLE blocked_jids (
    owner text NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    jid   text NOT NULL,
    PRIMARY KEY (owner, jid)
);
