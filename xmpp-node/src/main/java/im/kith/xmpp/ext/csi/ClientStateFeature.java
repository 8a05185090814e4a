package im.kith.xmpp.ext.csi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.ElementKey;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.SessionKey;
import im.kith.xmpp.feature.SessionListener;
import im.kith.xmpp.feature.StreamFeature;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/** XEP-0352 Client State Indication. */
@ApplicationScoped
public class ClientStateFeature implements XmppFeature {
    static final String NS = "urn:xmpp:csi:0";
    private static final SessionKey<HeldStanzas> STATE = new SessionKey<>("csi");

    private final CsiConfig config;

    @Inject
    public ClientStateFeature(CsiConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "csi";
    }

    /** Last among delivery hooks: what it holds and later flushes has been through all the others. */
    @Override
    public int order() {
        return 900;
    }

    @Override
    public void register(FeatureContext ctx) {
        // §5.1: advertised in the stream features once the client has authenticated.
        Element csi = Element.of("csi", NS);
        ctx.streamFeature((phase, session) -> phase == StreamFeature.Phase.POST_AUTH ? csi : null);
        ctx.streamElement(new ElementKey("inactive", NS), (s, e, auth) -> inactive(s));
        ctx.streamElement(new ElementKey("active", NS), (s, e, auth) -> active(s));
        // XEP-0386 §2.2: a Bind 2 request may start the session in either state.
        ctx.bindInline(new ElementKey("inactive", NS), (s, e) -> {
            inactive(s);
            return null;
        });
        ctx.bindInline(new ElementKey("active", NS), (s, e) -> null);
        ctx.sessionDelivery(this::beforeWrite);
        ctx.sessionListener(new SessionListener() {
            @Override
            public void resumed(LocalSession session) {
                active(session); // §6.2: a resumed stream is active again
            }
        });
    }

    private void inactive(LocalSession session) {
        if (session == null || session.jid() == null) {
            return; // no resource yet: nothing will be delivered to hold
        }
        HeldStanzas state = session.get(STATE);
        if (state == null) {
            state = new HeldStanzas();
            session.put(STATE, state);
        }
        state.inactive(true);
    }

    /** §6.1: the flush happens before the next element from the client is processed. */
    private void active(LocalSession session) {
        HeldStanzas state = session == null || session.jid() == null ? null : session.get(STATE);
        if (state != null) {
            state.inactive(false);
            flush(session, state);
        }
    }

    private Stanza beforeWrite(LocalSession session, Stanza stanza) {
        HeldStanzas state = session.get(STATE);
        if (state == null || !state.inactive()) {
            return stanza; // §5.2: a stream starts active
        }
        HeldKey key = Importance.holdable(stanza);
        if (key == null) {
            flush(session, state); // what was held is older: it goes first
            return stanza;
        }
        state.hold(key, stanza);
        if (state.size() > config.maxHeld()) {
            flush(session, state);
        }
        return null;
    }

    private static void flush(LocalSession session, HeldStanzas state) {
        for (Stanza s : state.drain()) {
            session.write(s);
        }
    }
}
