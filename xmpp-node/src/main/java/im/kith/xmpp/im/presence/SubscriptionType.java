package im.kith.xmpp.im.presence;

import java.util.Locale;

/** The subscription-related values of the presence 'type' attribute (RFC 6121 §4.7.1). */
enum SubscriptionType {
    SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBE, UNSUBSCRIBED;

    /** The subscription type named by a 'type' attribute, or null for any other presence. */
    static SubscriptionType of(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "subscribe" -> SUBSCRIBE;
            case "subscribed" -> SUBSCRIBED;
            case "unsubscribe" -> UNSUBSCRIBE;
            case "unsubscribed" -> UNSUBSCRIBED;
            default -> null;
        };
    }

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
