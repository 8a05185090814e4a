package im.kith.xmpp.im.roster;

import java.util.Locale;

/** The 'subscription' attribute of a roster item (RFC 6121 §2.1.2.5). */
public enum Subscription {
    /** Neither is subscribed to the other's presence. */
    NONE,
    /** The account is subscribed to the contact's presence. */
    TO,
    /** The contact is subscribed to the account's presence. */
    FROM,
    /** Both are subscribed to each other's presence. */
    BOTH;

    public static Subscription of(boolean to, boolean from) {
        return to ? (from ? BOTH : TO) : (from ? FROM : NONE);
    }

    /** Reads the stored or transmitted value. */
    public static Subscription parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Whether the account receives the contact's presence. */
    public boolean to() {
        return this == TO || this == BOTH;
    }

    /** Whether the contact receives the account's presence. */
    public boolean from() {
        return this == FROM || this == BOTH;
    }

    public Subscription withTo(boolean to) {
        return of(to, from());
    }

    public Subscription withFrom(boolean from) {
        return of(to(), from);
    }

    /** The attribute value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
