package im.kith.xmpp.ext.pep;

/** Who may read a node and receive its notifications (XEP-0060 §4.5, the subset PEP needs). */
public enum AccessModel {
    /** Anyone. */
    OPEN("open"),
    /** The owner and entities subscribed to the owner's presence (XEP-0163 §4.2: the PEP default). */
    PRESENCE("presence"),
    /** The owner only: no one else is on a PEP node's whitelist. */
    WHITELIST("whitelist");

    private final String value;

    AccessModel(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The model for a form value, or null when unsupported. */
    public static AccessModel of(String value) {
        for (AccessModel m : values()) {
            if (m.value.equals(value)) {
                return m;
            }
        }
        return null;
    }
}
