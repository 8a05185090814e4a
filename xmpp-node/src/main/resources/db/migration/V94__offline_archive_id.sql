-- The archive id (XEP-0359 stanza-id) of an offline message its owner's archive was to hold, instead of
-- V93's flag. A Bind 2 login (XEP-0386 §2.2) drops an offline copy only when mam_messages holds a row
-- with this id: an archive row that was never written (or not yet) leaves the offline copy to be
-- delivered. Copies stored before get the id from their stanza-id when they have one; a wrong or missing
-- one only means the copy is delivered.
ALTER TABLE offline_messages ADD COLUMN archive_id text;
UPDATE offline_messages SET archive_id = substring(stanza FROM '<stanza-id [^>]*id="([^"]+)"') WHERE archived;
ALTER TABLE offline_messages DROP COLUMN archived;
