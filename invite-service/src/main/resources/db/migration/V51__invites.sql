-- Invitations. The token itself is never stored, only its SHA-256 hash.
CREATE TABLE invites (
    id          BIGSERIAL PRIMARY KEY,
    token_hash  BYTEA       NOT NULL UNIQUE,
    kind        TEXT        NOT NULL CHECK (kind IN ('ACCOUNT', 'CONTACT', 'RESET', 'ADMIN')),
    role        TEXT        NOT NULL CHECK (role IN ('LIMITED', 'USER', 'ADMIN')),
    username    TEXT,
    inviter     TEXT,
    created_by  TEXT        NOT NULL,
    note        TEXT,
    max_uses    INTEGER     NOT NULL CHECK (max_uses >= 1),
    uses        INTEGER     NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);

-- Fixed usernames are reserved while the invite is open (XEP-0445 §6).
CREATE INDEX invites_username ON invites (username) WHERE username IS NOT NULL;

CREATE TABLE invite_circles (
    invite_id  BIGINT NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
    circle_id  BIGINT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    PRIMARY KEY (invite_id, circle_id)
);

CREATE TABLE invite_redemptions (
    id          BIGSERIAL PRIMARY KEY,
    invite_id   BIGINT      NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
    account     TEXT        NOT NULL,
    redeemed_at TIMESTAMPTZ NOT NULL
);
