package im.kith.xmpp.ext.mam;

/** Whether the archive owner received or sent a message (XEP-0313 §3: relative to the archive). */
public enum Direction {
    IN("in"), OUT("out");

    private final String column;

    Direction(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
