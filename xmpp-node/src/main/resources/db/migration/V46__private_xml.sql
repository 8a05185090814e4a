-- Private XML storage (XEP-0049): one element per account and namespace, serialised; 'bytes' counts
-- towards the same per-account storage limit as PEP items. storage:bookmarks is not kept here: it is
-- a view of the account's XEP-0402 bookmarks node (XEP-0402 §5.3 compatibility).
CREATE TABLE private_xml (
    owner      text        NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    namespace  text        NOT NULL,
    payload    text        NOT NULL,
    bytes      integer     NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (owner, namespace)
);
