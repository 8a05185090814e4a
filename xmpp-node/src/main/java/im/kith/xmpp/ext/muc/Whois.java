package im.kith.xmpp.ext.muc;

/** Who may see occupants' real JIDs (the {@code muc#roomconfig_whois} field, XEP-0045 §10.2). */
public enum Whois {
    /** Semi-anonymous room (§4.1). */
    MODERATORS("moderators"),
    /** Non-anonymous room (§4.1). */
    ANYONE("anyone");

    private final String value;

    Whois(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Whois of(String value) {
        return ANYONE.value.equals(value) ? ANYONE : MODERATORS.value.equals(value) ? MODERATORS : null;
    }
}
