-- Whether an offline message is also in its owner's archive (it carries the archive's XEP-0359 stanza-id).
-- A client that binds with Bind 2 (XEP-0386 §2.2) synchronises from the archive, so those are dropped then
-- instead of being delivered twice; messages the archive does not hold are still delivered.
ALTER TABLE offline_messages ADD COLUMN archived boolean NOT NULL DEFAULT false;
