package im.kith.xmpp.ext.upload;

/** Where a slot is in its life: handed out, receiving its PUT, or holding a stored file. */
enum SlotState {
    PENDING, UPLOADING, STORED;

    String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static SlotState ofColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
