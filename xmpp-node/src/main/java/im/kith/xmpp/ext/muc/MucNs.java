package im.kith.xmpp.ext.muc;

/** Namespaces of the MUC service and the extensions it implements. */
final class MucNs {
    static final String MUC = "http://jabber.org/protocol/muc";
    static final String USER = MUC + "#user";
    static final String ADMIN = MUC + "#admin";
    static final String OWNER = MUC + "#owner";
    static final String ROOMCONFIG = MUC + "#roomconfig";
    static final String ROOMINFO = MUC + "#roominfo";
    static final String REGISTER_FORM = MUC + "#register";
    static final String SELF_PING = MUC + "#self-ping-optimization";
    static final String REGISTER = "jabber:iq:register";
    static final String DATA = "jabber:x:data";
    static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    static final String PING = "urn:xmpp:ping";
    static final String SID = "urn:xmpp:sid:0";
    static final String OCCUPANT_ID = "urn:xmpp:occupant-id:0";
    static final String MAM = "urn:xmpp:mam:2";
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String MODERATE = "urn:xmpp:message-moderate:1";
    static final String RETRACT = "urn:xmpp:message-retract:1";

    private MucNs() {
    }
}
