-- vcard-temp (XEP-0054): each account's vCard as published, serialised XML.
CREATE TABLE vcards (
    owner      text        PRIMARY KEY REFERENCES accounts (localpart) ON DELETE CASCADE,
    vcard      text        NOT NULL,
    updated_at timestamptz NOT NULL
);
