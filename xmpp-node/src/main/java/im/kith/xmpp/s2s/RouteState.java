package im.kith.xmpp.s2s;

import im.kith.xmpp.session.Connection;

/** The outgoing side of one domain pair. */
sealed interface RouteState {

    /** No stream and none being set up. */
    record Idle() implements RouteState {
    }

    /** A stream is being set up; stanzas wait; the timer bounces them when it fires first. */
    record Connecting(Attempt attempt, Connection.Cancellable timer) implements RouteState {
    }

    /** An authenticated stream carries stanzas: our own, or the peer's made bidirectional (XEP-0288). */
    record Up(StanzaChannel channel) implements RouteState {
    }

    /** One connection attempt; the stream is known once the transport has connected. */
    final class Attempt {
        private volatile OutboundStream stream;

        OutboundStream stream() {
            return stream;
        }

        void stream(OutboundStream s) {
            this.stream = s;
        }
    }
}
