package im.kith.xmpp.ext.pep;

/** When the last published item is sent (XEP-0060 §16.4.3, {@code pubsub#send_last_published_item}). */
public enum SendLast {
    NEVER("never"),
    ON_SUB("on_sub"),
    ON_SUB_AND_PRESENCE("on_sub_and_presence");

    private final String value;

    SendLast(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The setting for a form value, or null when unknown. */
    public static SendLast of(String value) {
        for (SendLast s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        return null;
    }
}
