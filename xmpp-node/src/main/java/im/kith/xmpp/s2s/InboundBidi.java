package im.kith.xmpp.s2s;

import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0288 on an incoming stream: whether it is offered, whether the peer asked for it, and the domain
 * pairs this server then sends stanzas over the stream for. Confined to the stream's event loop.
 */
final class InboundBidi {
    private record Pair(String local, String remote, String authentication) {
    }

    private final FederationRouter routes;
    private final StanzaChannel stream;
    private final boolean enabled;
    private final List<Pair> pairs = new ArrayList<>();
    private boolean requested;

    InboundBidi(FederationRouter routes, StanzaChannel stream, boolean enabled) {
        this.routes = routes;
        this.stream = stream;
        this.enabled = enabled;
    }

    /** Whether the stream features offer it (XEP-0288 §2.1; off with KITH_S2S_BIDI=false). */
    boolean offered() {
        return enabled;
    }

    /**
     * The peer sent {@code <bidi/>} (XEP-0288 §2.2); false when it was never offered. The request
     * SHOULD come before authentication; pairs already authenticated are taken into use as well.
     */
    boolean request() {
        if (!enabled) {
            return false;
        }
        if (!requested) {
            requested = true;
            pairs.forEach(this::adopt);
        }
        return true;
    }

    /**
     * The peer proved that it may send from {@code remote} to {@code local}: with SASL EXTERNAL the
     * stream's 'to' and the authenticated domain, with dialback each verified pair. XEP-0288 §2.2: the
     * receiving server MUST NOT send stanzas before that, and then MUST only send those of the reverse
     * pair, from {@code local} to {@code remote}.
     */
    void authenticated(String local, String remote, String authentication) {
        if (pairs.stream().anyMatch(p -> p.local().equals(local) && p.remote().equals(remote))) {
            return;
        }
        Pair pair = new Pair(local, remote, authentication);
        pairs.add(pair);
        if (requested) {
            adopt(pair);
        }
    }

    private void adopt(Pair pair) {
        routes.adopt(pair.local(), pair.remote(), stream, pair.authentication());
    }

    /** The stream ended: its pairs go back to streams of our own. */
    void ended() {
        if (requested) {
            pairs.forEach(p -> routes.release(p.local(), p.remote(), stream));
        }
    }
}
