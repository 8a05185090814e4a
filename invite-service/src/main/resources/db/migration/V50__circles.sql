-- Circles: named groups of accounts whose members see each other in their rosters.
CREATE TABLE circles (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    is_default  BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL
);

-- At most one default circle.
CREATE UNIQUE INDEX circles_one_default ON circles (is_default) WHERE is_default;

CREATE TABLE circle_members (
    circle_id  BIGINT      NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    account    TEXT        NOT NULL,
    joined_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (circle_id, account)
);

CREATE INDEX circle_members_account ON circle_members (account);
