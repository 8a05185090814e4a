package im.kith.xmpp.feature;

/**
 * Typed key of an IQ handler: who the request is addressed to, get or set, and the payload namespace.
 */
public record IqRoute(IqTarget target, IqType type, String namespace) {

    public static IqRoute serverGet(String namespace) {
        return new IqRoute(IqTarget.SERVER, IqType.GET, namespace);
    }

    public static IqRoute serverSet(String namespace) {
        return new IqRoute(IqTarget.SERVER, IqType.SET, namespace);
    }

    public static IqRoute accountGet(String namespace) {
        return new IqRoute(IqTarget.ACCOUNT, IqType.GET, namespace);
    }

    public static IqRoute accountSet(String namespace) {
        return new IqRoute(IqTarget.ACCOUNT, IqType.SET, namespace);
    }

    /** Where an IQ request is addressed (RFC 6120 §10.3.3 and §10.5.3). */
    public enum IqTarget {
        /** The server domain itself. */
        SERVER,
        /** A local account's bare JID, or no 'to' (handled on behalf of the sender's account). */
        ACCOUNT
    }

    public enum IqType {
        GET, SET;

        public static IqType of(String attribute) {
            return "get".equals(attribute) ? GET : "set".equals(attribute) ? SET : null;
        }
    }
}
