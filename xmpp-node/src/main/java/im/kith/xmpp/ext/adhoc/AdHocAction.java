package im.kith.xmpp.ext.adhoc;

import java.util.Locale;

/** The actions of XEP-0050 §3.4. */
public enum AdHocAction {
    EXECUTE, NEXT, PREV, COMPLETE, CANCEL;

    /** The action named by an 'action' attribute (none means execute, §3.4), or null if unknown. */
    static AdHocAction of(String attribute) {
        if (attribute == null) {
            return EXECUTE;
        }
        for (AdHocAction a : values()) {
            if (a.attribute().equals(attribute)) {
                return a;
            }
        }
        return null;
    }

    String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }
}
