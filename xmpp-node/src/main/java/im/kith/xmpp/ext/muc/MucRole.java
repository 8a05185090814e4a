package im.kith.xmpp.ext.muc;

import java.util.Locale;

/** The temporary position of an occupant in a room (XEP-0045 §5.1), highest first. */
public enum MucRole {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named by an attribute value, or null. */
    public static MucRole of(String value) {
        for (MucRole r : values()) {
            if (r.value().equals(value)) {
                return r;
            }
        }
        return null;
    }

    /** §5.1.1: participants and moderators have voice in a moderated room. */
    public boolean hasVoice() {
        return this == MODERATOR || this == PARTICIPANT;
    }
}
