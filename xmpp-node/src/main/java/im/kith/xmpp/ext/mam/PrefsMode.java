package im.kith.xmpp.ext.mam;

import java.util.Locale;

/** The 'default' attribute of {@code <prefs/>} (XEP-0441 §2): what to archive for unlisted contacts. */
public enum PrefsMode {
    ALWAYS, NEVER, ROSTER;

    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of an attribute value, or null when it is not one. */
    public static PrefsMode of(String value) {
        for (PrefsMode m : values()) {
            if (m.attribute().equals(value)) {
                return m;
            }
        }
        return null;
    }
}
