-- Group chats of circles: members-only persistent rooms on the MUC service (by room localpart).
-- A circle has one or more rooms; a room belongs to one circle.
CREATE TABLE circle_rooms (
    circle_id  BIGINT NOT NULL REFERENCES circles (id) ON DELETE CASCADE,
    room       TEXT   NOT NULL UNIQUE,
    PRIMARY KEY (circle_id, room)
);
