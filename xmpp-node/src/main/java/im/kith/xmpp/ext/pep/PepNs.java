package im.kith.xmpp.ext.pep;

/** Namespaces of XEP-0060, XEP-0163 and the specifications PEP relies on. */
public final class PepNs {
    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = "http://jabber.org/protocol/pubsub#owner";
    public static final String EVENT = "http://jabber.org/protocol/pubsub#event";
    public static final String ERRORS = "http://jabber.org/protocol/pubsub#errors";
    public static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";
    public static final String NODE_CONFIG = "http://jabber.org/protocol/pubsub#node_config";
    public static final String DATA = "jabber:x:data";
    public static final String CAPS = "http://jabber.org/protocol/caps";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String NOTIFY_SUFFIX = "+notify";

    private PepNs() {
    }
}
