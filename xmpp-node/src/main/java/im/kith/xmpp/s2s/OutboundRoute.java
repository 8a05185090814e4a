package im.kith.xmpp.s2s;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StreamErrorCondition;

/**
 * Stanzas from one local domain to one remote domain: one outgoing stream, reused while it lasts
 * (RFC 6120 §4.2 allows one per direction and domain pair); while it is being set up, stanzas wait in a
 * bounded queue and are flushed in order once it is authenticated, or bounced with
 * {@code remote-server-not-found} / {@code remote-server-timeout} (RFC 6120 §8.3.3.14, §8.3.3.15).
 * An incoming stream the peer made bidirectional (XEP-0288) can take the place of our own stream
 * ({@link #adopt}), so that no second connection is opened for this direction.
 * Called from any event loop; state changes are guarded by this object's lock.
 */
final class OutboundRoute implements OutboundListener {
    private static final Logger LOG = Logger.getLogger(OutboundRoute.class);

    private final String local;
    private final String remote;
    private final FederationServices services;
    private final OutboundConnector connector;
    private final ArrayDeque<Stanza> queue = new ArrayDeque<>();
    private RouteState state = new RouteState.Idle();

    OutboundRoute(String local, String remote, FederationServices services, OutboundConnector connector) {
        this.local = local;
        this.remote = remote;
        this.services = services;
        this.connector = connector;
    }

    void send(Stanza stanza) {
        StanzaChannel up;
        synchronized (this) {
            if (state instanceof RouteState.Up u && !u.channel().closed()) {
                up = u.channel();
            } else {
                if (queue.size() >= services.config().queue()) {
                    up = null;
                } else {
                    queue.add(stanza);
                    if (!(state instanceof RouteState.Connecting)) {
                        connect();
                    }
                    return;
                }
            }
        }
        if (up == null) {
            services.router().bounce(stanza, StanzaError.of(StanzaErrorCondition.RESOURCE_CONSTRAINT,
                    "too many stanzas waiting for " + remote));
            return;
        }
        up.executor().execute(() -> {
            if (up.closed()) {
                send(stanza); // the stream ended meanwhile: set up a new one
            } else {
                up.send(stanza.element());
            }
        });
    }

    /** Starts a connection attempt; called with the lock held. */
    private void connect() {
        RouteState.Attempt attempt = new RouteState.Attempt();
        var timer = connector.schedule(services.config().connectTimeout(), () -> timedOut(attempt));
        state = new RouteState.Connecting(attempt, timer);
        LOG.debugf("connecting %s -> %s", local, remote);
        connector.connect(remote, link -> {
            OutboundStream s = new OutboundStream(link, services, local, remote, OutboundStream.Purpose.ROUTE, this);
            attempt.stream(s);
            return s;
        }).whenComplete((link, failure) -> {
            if (failure != null) {
                String reason = failure instanceof OutboundConnector.UnreachableException ? failure.getMessage()
                        : "cannot connect to " + remote + ": " + failure.getMessage();
                services.status().error(remote, reason);
                giveUp(attempt, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, reason);
            } else {
                link.executor().execute(attempt.stream()::start);
            }
        });
    }

    private void timedOut(RouteState.Attempt attempt) {
        if (giveUp(attempt, StanzaErrorCondition.REMOTE_SERVER_TIMEOUT, "no stream to " + remote + " in time")) {
            services.status().error(remote, "connection timed out");
            OutboundStream s = attempt.stream();
            if (s != null) {
                s.link.executor().execute(() -> s.closeWithError(StreamErrorCondition.CONNECTION_TIMEOUT,
                        "authentication took too long"));
            }
        }
    }

    /** Ends an attempt and bounces what waited; false if the attempt was no longer current. */
    private boolean giveUp(RouteState.Attempt attempt, StanzaErrorCondition condition, String reason) {
        List<Stanza> bounced;
        synchronized (this) {
            if (!(state instanceof RouteState.Connecting c) || c.attempt() != attempt) {
                return false;
            }
            c.timer().cancel();
            state = new RouteState.Idle();
            bounced = new ArrayList<>(queue);
            queue.clear();
        }
        LOG.infof("federation %s -> %s failed: %s; bouncing %d stanzas", local, remote, reason, bounced.size());
        for (Stanza s : bounced) {
            services.router().bounce(s, StanzaError.of(condition, reason));
        }
        return true;
    }

    @Override
    public void ready(OutboundStream stream) {
        List<Stanza> flush;
        synchronized (this) {
            if (!(state instanceof RouteState.Connecting c) || c.attempt().stream() != stream) {
                stream.closeGracefully(); // a stream nobody waits for any more
                return;
            }
            c.timer().cancel();
            state = new RouteState.Up(stream);
            flush = new ArrayList<>(queue);
            queue.clear();
        }
        services.status().outboundUp(remote, stream.authentication(), stream.bidi());
        for (Stanza s : flush) {
            stream.send(s.element());
        }
    }

    /**
     * The peer authenticated on an incoming stream it made bidirectional (XEP-0288 §2.2): stanzas for
     * this pair go over it, unless a stream of ours is already up. A connection attempt under way is
     * abandoned (its stream is closed once it is ready). Called on the channel's event loop.
     */
    void adopt(StanzaChannel channel, String authentication) {
        List<Stanza> flush;
        synchronized (this) {
            if (state instanceof RouteState.Up u && !u.channel().closed()) {
                return;
            }
            if (state instanceof RouteState.Connecting c) {
                c.timer().cancel();
            }
            state = new RouteState.Up(channel);
            flush = new ArrayList<>(queue);
            queue.clear();
        }
        services.status().outboundUp(remote, authentication, true);
        LOG.infof("s2s stream %s -> %s authenticated, over the bidirectional stream from %s (XEP-0288)", local,
                remote, remote);
        for (Stanza s : flush) {
            channel.send(s.element());
        }
    }

    /** The bidirectional incoming stream ended; the next stanza opens a stream of our own. */
    void release(StanzaChannel channel) {
        if (down(channel)) {
            services.status().outboundDown(remote);
        }
    }

    /** Goes idle if the channel is the one in use. */
    private synchronized boolean down(StanzaChannel channel) {
        if (state instanceof RouteState.Up u && u.channel() == channel) {
            state = new RouteState.Idle();
            return true;
        }
        return false;
    }

    @Override
    public void failed(OutboundStream stream, StanzaErrorCondition condition, String reason) {
        if (down(stream)) {
            services.status().outboundDown(remote);
            return;
        }
        RouteState.Attempt attempt = null;
        synchronized (this) {
            if (state instanceof RouteState.Connecting c && c.attempt().stream() == stream) {
                attempt = c.attempt();
            }
        }
        if (attempt != null) {
            giveUp(attempt, condition, reason);
        }
    }

    /** Closes the current stream, if any (shutdown). */
    void close() {
        OutboundStream s;
        synchronized (this) {
            // A bidirectional incoming stream is closed by the listener that accepted it.
            s = state instanceof RouteState.Up u && u.channel() instanceof OutboundStream o ? o : null;
        }
        if (s != null) {
            s.closeLater(StreamErrorCondition.SYSTEM_SHUTDOWN, "shutting down");
        }
    }
}
