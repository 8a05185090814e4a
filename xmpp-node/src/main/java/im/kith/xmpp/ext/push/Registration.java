package im.kith.xmpp.ext.push;

import java.util.Map;

import im.kith.xmpp.jid.Jid;

/**
 * One device's push registration (XEP-0357 §5).
 *
 * @param owner    the account's localpart
 * @param resource the resource that enabled it: the device whose absence triggers notifications
 * @param service  the app server's JID
 * @param node     the app server's node for this device
 * @param options  the publish-options form fields (var → value) without FORM_TYPE
 */
record Registration(String owner, String resource, Jid service, String node, Map<String, String> options) {

    Registration {
        options = Map.copyOf(options);
    }

    /** Identifies the registration: one per app server and node (§5: re-enabling replaces it). */
    Key key() {
        return new Key(owner, service, node);
    }

    record Key(String owner, Jid service, String node) {
    }
}
