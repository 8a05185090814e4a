package im.kith.xmpp.ext.muc;

import java.util.Locale;

/** A long-lived relation of a bare JID to a room (XEP-0045 §5.2), highest first. */
public enum Affiliation {
    OWNER, ADMIN, MEMBER, NONE, OUTCAST;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The affiliation named by an attribute value, or null. */
    public static Affiliation of(String value) {
        for (Affiliation a : values()) {
            if (a.value().equals(value)) {
                return a;
            }
        }
        return null;
    }

    /** Whether this affiliation ranks above another (outcast is lowest, §5.2). */
    public boolean above(Affiliation other) {
        return ordinal() < other.ordinal();
    }

    /** Owners and admins: the affiliations that administer a room. */
    public boolean administers() {
        return this == OWNER || this == ADMIN;
    }

    /** Whether this affiliation counts as membership in a members-only room (§5.2: member and above). */
    public boolean isMember() {
        return this == OWNER || this == ADMIN || this == MEMBER;
    }
}
