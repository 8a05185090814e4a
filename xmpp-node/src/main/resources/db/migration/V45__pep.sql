-- Personal eventing (XEP-0163): each account's PubSub nodes (XEP-0060) with their configuration, and
-- the published items with publisher and time. Items are serialised XML of the payload element;
-- 'bytes' is its UTF-8 length, summed for the per-account storage limit.
CREATE TABLE pep_nodes (
    owner          text        NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    node           text        NOT NULL,
    access_model   text        NOT NULL CHECK (access_model IN ('open', 'presence', 'whitelist')),
    max_items      integer     NOT NULL CHECK (max_items > 0),
    persist_items  boolean     NOT NULL,
    send_last      text        NOT NULL CHECK (send_last IN ('never', 'on_sub', 'on_sub_and_presence')),
    notify_retract boolean     NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (owner, node)
);

CREATE TABLE pep_items (
    owner        text        NOT NULL,
    node         text        NOT NULL,
    item_id      text        NOT NULL,
    seq          bigserial   NOT NULL,
    payload      text        NOT NULL,
    bytes        integer     NOT NULL,
    publisher    text        NOT NULL,
    published_at timestamptz NOT NULL,
    PRIMARY KEY (owner, node, item_id),
    FOREIGN KEY (owner, node) REFERENCES pep_nodes (owner, node) ON DELETE CASCADE
);

CREATE INDEX pep_items_by_age ON pep_items (owner, node, seq);
