-- Archiving preferences (XEP-0441, namespace urn:xmpp:mam:2). Only accounts that changed the default
-- have a row.
CREATE TABLE mam_preferences (
    owner        text   PRIMARY KEY REFERENCES accounts (localpart) ON DELETE CASCADE,
    default_mode text   NOT NULL CHECK (default_mode IN ('always', 'never', 'roster')),
    always_jids  text[] NOT NULL DEFAULT '{}',
    never_jids   text[] NOT NULL DEFAULT '{}'
);
