package im.kith.xmpp.stanza;

import java.util.Locale;

/** RFC 6120 §8.3.2: what the sender should do about the error. */
public enum StanzaErrorType {
    AUTH, CANCEL, CONTINUE, MODIFY, WAIT;

    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
