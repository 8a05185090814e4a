-- HTTP File Upload (XEP-0363): one row per slot handed out. The file on disk is DATA_DIR/uploads/<id>.
-- No foreign key to accounts: files of removed accounts stay until the retention job deletes them.
CREATE TABLE upload_slots (
    id           text        PRIMARY KEY,
    uploader     text        NOT NULL,
    file_name    text        NOT NULL,
    size         bigint      NOT NULL CHECK (size > 0),
    content_type text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    state        text        NOT NULL CHECK (state IN ('pending', 'uploading', 'stored'))
);
CREATE INDEX upload_slots_by_uploader ON upload_slots (uploader, created_at);
CREATE INDEX upload_slots_by_age ON upload_slots (created_at);
