-- Push Notifications (XEP-0357): the app server and node each device enabled, with its publish options.
CREATE TABLE push_registrations (
    owner         text        NOT NULL REFERENCES accounts (localpart) ON DELETE CASCADE,
    service       text        NOT NULL,
    node          text        NOT NULL,
    resource      text        NOT NULL,
    option_vars   text[]      NOT NULL,
    option_values text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (owner, service, node)
);
