-- Circles may have more rooms than the one named after them; each extra room has its own title (also the
-- name of its bookmark). NULL: the room is named after its circle.
ALTER TABLE circle_rooms ADD COLUMN title TEXT;
