package im.kith.xmpp.session;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HexFormat;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.ElementKey;
import im.kith.xmpp.feature.HookResult;
import im.kith.xmpp.feature.InboundHook;
import im.kith.xmpp.feature.PreAuthStream;
import im.kith.xmpp.feature.SessionListener;
import im.kith.xmpp.feature.StreamElementHandler;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.sasl.SaslContext;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StreamHeader;
import im.kith.xmpp.xml.XmlDecoder;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlViolation;
import im.kith.xmpp.xml.XmlWriter;

/**
 * One client-to-server XML stream over one {@link Connection}: the state machine of RFC 6120 from the
 * stream header through STARTTLS (§5), SASL (§6) and resource binding (§7) to stanza exchange.
 * Confined to the connection's event loop; asynchronous steps (SASL credential look-ups) come back to
 * it, and elements that arrive meanwhile wait in order.
 */
public final class C2sStream implements XmlStreamHandler {
    private static final Logger LOG = Logger.getLogger(C2sStream.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_QUEUED = 64;

    private final Connection connection;
    private final SessionServices services;
    private final StreamFraming framing;
    private final XmlDecoder decoder;
    private final Negotiation negotiation;
    private final ArrayDeque<Element> queued = new ArrayDeque<>();
    private StreamState state = new StreamState.Unauthenticated();
    private boolean headerReceived;
    private String headerFrom;
    private boolean busy;
    private long lastActivityNanos = System.nanoTime();
    private final PreAuthStream preAuth;
    // Pending timers hold this stream, and through it the connection, until they fire or are cancelled.
    private Connection.Cancellable authDeadline = () -> { };
    private Connection.Cancellable idleCheck = () -> { };

    public C2sStream(Connection connection, SessionServices services) {
        this.connection = connection;
        this.services = services;
        this.framing = connection.framing();
        this.decoder = framing.decoder(this, services.preAuthLimits());
        this.negotiation = new Negotiation(this, services);
        this.preAuth = new StreamAttributes(connection.remoteAddress());
    }

    /**
     * Starts the clocks: the connection must be bound within the authentication timeout, and a bound
     * stream that stays silent past the idle timeout is closed (RFC 6120 §4.6.1 connection-timeout).
     * Binding cancels the first clock, the end of the stream both.
     */
    public void start() {
        NodeConfig.C2s c2s = services.config().c2s();
        authDeadline = connection.schedule(c2s.authTimeout(), () -> {
            if (!isBound()) {
                closeWithError(StreamErrorCondition.CONNECTION_TIMEOUT, "authentication took too long");
            }
        });
        scheduleIdleCheck(c2s.idleTimeout());
    }

    private void scheduleIdleCheck(Duration idle) {
        idleCheck = connection.schedule(idle.dividedBy(2), () -> {
            if (closed()) {
                return;
            }
            if (System.nanoTime() - lastActivityNanos > idle.toNanos()) {
                // The peer is presumed gone, so a retained session may still be resumed (XEP-0198 §7).
                close(StreamErrorCondition.CONNECTION_TIMEOUT, "idle for too long", null, true);
            } else {
                scheduleIdleCheck(idle);
            }
        });
    }

    /** Bytes from the transport. */
    public void receive(byte[] data) {
        lastActivityNanos = System.nanoTime();
        decoder.feed(data);
    }

    /** The transport saw the connection close. */
    public void connectionClosed() {
        if (!(state instanceof StreamState.Closed)) {
            // Without a closing stream tag the stream is unfinished (XEP-0198 §7): resumable.
            end(true);
        }
    }

    // ---- decoder events ----

    @Override
    public void onStreamOpen(StreamHeader header) {
        if (state instanceof StreamState.Closed) {
            return;
        }
        headerReceived = true;
        headerFrom = header.attribute("from");
        writeHeader();
        // RFC 6120 §4.7.5 and §4.9.3.10: the content namespace must be jabber:client.
        if (!Ns.CLIENT.equals(header.defaultNamespace())) {
            closeWithError(StreamErrorCondition.INVALID_NAMESPACE, "the content namespace must be jabber:client");
            return;
        }
        // RFC 6120 §4.7.2: 'to' names the service; §4.9.3.6 host-unknown otherwise.
        String to = header.attribute("to");
        if (to == null || !services.domain().equalsIgnoreCase(to)) {
            closeWithError(StreamErrorCondition.HOST_UNKNOWN, "this server serves " + services.domain());
            return;
        }
        // RFC 6120 §4.7.5: version 1.0 is required for stream features.
        String version = header.attribute("version");
        if (version == null || !version.startsWith("1.")) {
            closeWithError(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 is required");
            return;
        }
        write(negotiation.features(state, connection));
    }

    @Override
    public void onElement(Element element) {
        if (state instanceof StreamState.Closed) {
            return;
        }
        if (busy) {
            if (queued.size() >= MAX_QUEUED) {
                closeWithError(StreamErrorCondition.POLICY_VIOLATION, "too many pipelined elements");
            } else {
                queued.add(element);
            }
            return;
        }
        process(element);
    }

    @Override
    public void onStreamClose() {
        if (!(state instanceof StreamState.Closed)) {
            write(framing.close());
            end(false);
        }
    }

    @Override
    public void onViolation(XmlViolation violation, String detail) {
        if (!headerReceived) {
            writeHeader();
        }
        closeWithError(StreamErrorCondition.valueOf(violation.name()), detail);
    }

    // ---- element processing ----

    private void process(Element element) {
        switch (state) {
            case StreamState.Unauthenticated u -> negotiation.unauthenticated(element, connection);
            case StreamState.Authenticating a -> negotiation.saslResponse(a.exchange(), element);
            case StreamState.Sasl2Authenticating a -> negotiation.sasl2().duringExchange(a, element);
            // XEP-0388 §2.5: nothing may arrive before the client has seen <success/>.
            case StreamState.Sasl2Completing c -> closeWithError(StreamErrorCondition.NOT_AUTHORIZED,
                    "wait for the SASL2 <success/>");
            case StreamState.Authenticated a -> negotiation.bind(a.localpart(), element);
            case StreamState.Bound b -> bound(b.session(), element);
            case StreamState.Closed c -> { }
        }
    }

    private void bound(ClientSession session, Element element) {
        if (!Stanza.isStanza(element, Ns.CLIENT)) {
            StreamElementHandler handler = services.features().streamElementHandler(ElementKey.of(element));
            if (handler != null) {
                handler.handle(session, element, true);
            } else {
                closeWithError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                        "unexpected <" + element.name() + "/> in " + element.namespace());
            }
            return;
        }
        CompletionStage<Void> handled = handleStanza(session, element);
        StreamTracker tracker = session.tracker();
        if (tracker != null && !closed()) {
            tracker.received(session, handled);
        }
    }

    /** Handles a stanza from the client; the stage completes once the server is done with it (see Router). */
    private CompletionStage<Void> handleStanza(ClientSession session, Element element) {
        Stanza stanza;
        try {
            stanza = Stanza.of(element);
        } catch (StanzaErrorException e) {
            replyError(session, element, e);
            return Router.HANDLED;
        }
        // RFC 6120 §8.1.2.1: the server stamps 'from'; a different claimed address is invalid-from.
        if (stanza.from() != null && !stanza.from().equals(session.jid())
                && !stanza.from().equals(session.jid().bare())) {
            closeWithError(StreamErrorCondition.INVALID_FROM, "'from' does not match the bound JID");
            return Router.HANDLED;
        }
        stanza = stanza.withFrom(session.jid());
        for (InboundHook hook : services.features().inboundHooks()) {
            if (hook.onInbound(session, stanza) == HookResult.HANDLED) {
                return Router.HANDLED;
            }
        }
        return services.router().route(stanza, session);
    }

    private void replyError(ClientSession session, Element element, StanzaErrorException e) {
        Element withoutAddresses = element.withAttribute("to", null).withAttribute("from", null);
        Stanza original = Stanza.of(withoutAddresses);
        if (!original.isError()) {
            session.write(original.errorReply(e.error()));
        }
    }

    // ---- services for Negotiation ----

    /** Marks an asynchronous step as running: later elements wait. */
    void suspend() {
        busy = true;
    }

    /** Ends an asynchronous step and processes the elements that waited. */
    void resume() {
        busy = false;
        while (!busy && !queued.isEmpty() && !(state instanceof StreamState.Closed)) {
            process(queued.poll());
        }
    }

    void state(StreamState next) {
        this.state = next;
        if (next instanceof StreamState.Bound) {
            authDeadline.cancel();
        }
    }

    StreamState state() {
        return state;
    }

    /** Restarts the stream (RFC 6120 §5.4.3.3, §6.4.6): a new header is expected. */
    void restart() {
        decoder.reset();
        headerReceived = false;
    }

    /** Whether bytes arrived behind the element being processed (checked after {@code <starttls/>}). */
    boolean hasUnparsedInput() {
        return decoder.hasUnparsedInput();
    }

    /** Applies the post-authentication limits. */
    void authenticatedLimits() {
        decoder.limits(services.limits());
    }

    SaslContext saslContext() {
        return new SaslContext(services.domain(), connection.secure(), connection.channelBinding(),
                connection.remoteAddress());
    }

    /** The 'from' of the client's latest stream header (RFC 6120 §4.7.1), or null. */
    String headerFrom() {
        return headerFrom;
    }

    Connection connection() {
        return connection;
    }

    /** This stream as pre-authentication IQ handlers see it. */
    PreAuthStream preAuth() {
        return preAuth;
    }

    /** An authenticated stream without a resource, as stream element handlers see it. */
    UnboundSession unbound(String localpart) {
        return new UnboundSession(this, localpart);
    }

    Connection.Cancellable schedule(Duration delay, Runnable task) {
        return connection.schedule(delay, task);
    }

    /**
     * Takes a bound session over from its stream (XEP-0198 §5): elements wait while the session's own
     * event loop detaches it (closing its old stream with {@code conflict} if still open, §5) and this
     * stream becomes bound to it.
     */
    void takeOver(ClientSession session, Resumption resumption) {
        if (!(state instanceof StreamState.Authenticated || state instanceof StreamState.Sasl2Completing)) {
            throw new IllegalStateException("resumption needs an authenticated, unbound stream");
        }
        suspend();
        session.executor().execute(() -> {
            if (session.ended() || !resumption.accept(session)) {
                executor().execute(() -> {
                    if (!closed()) {
                        resumption.refused();
                    }
                    resume();
                });
                return;
            }
            C2sStream previous = session.stream();
            session.attach(this);
            // The previous stream no longer owns the session, so closing it leaves the session bound.
            previous.closeWithError(StreamErrorCondition.CONFLICT, "the session was resumed on another connection");
            executor().execute(() -> completeTakeOver(session, resumption));
        });
    }

    private void completeTakeOver(ClientSession session, Resumption resumption) {
        if (closed()) {
            session.streamEnded(true); // this connection was lost meanwhile: detached again
            return;
        }
        state(new StreamState.Bound(session));
        connection.authenticated();
        authenticatedLimits();
        resumption.resumed(session);
        session.releaseHeld();
        for (SessionListener l : services.features().sessionListeners()) {
            l.resumed(session);
        }
        resume();
    }

    /** Called once a resource is bound. */
    void bound(ClientSession session) {
        state(new StreamState.Bound(session));
        connection.authenticated();
        for (SessionListener l : services.features().sessionListeners()) {
            l.bound(session);
        }
    }

    // ---- output ----

    void write(String data) {
        if (!(state instanceof StreamState.Closed)) {
            connection.write(data);
        }
    }

    void writeStanza(Element element) {
        write(XmlWriter.toXml(element, Ns.CLIENT));
    }

    private void writeHeader() {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        connection.write(framing.open(HexFormat.of().formatHex(id), services.domain()));
    }

    /** Sends a stream error and closes (RFC 6120 §4.9.1.1); the session, if any, ends. */
    public void closeWithError(StreamErrorCondition condition, String text) {
        close(condition, text, null, false);
    }

    /** Sends a stream error with an application-specific condition (RFC 6120 §4.9.4) and closes. */
    public void closeWithError(StreamErrorCondition condition, String text, Element applicationCondition) {
        close(condition, text, applicationCondition, false);
    }

    private void close(StreamErrorCondition condition, String text, Element applicationCondition,
            boolean resumable) {
        if (state instanceof StreamState.Closed) {
            return;
        }
        LOG.debugf("closing stream from %s: %s (%s)", connection.remoteAddress(), condition.elementName(), text);
        String error = condition.toXml(text);
        if (applicationCondition != null) {
            String end = "</stream:error>";
            error = error.substring(0, error.length() - end.length()) + XmlWriter.toXml(applicationCondition, null) + end;
        }
        connection.write(error);
        connection.write(framing.close());
        end(resumable);
    }

    /** Closes the stream without an error (after a STARTTLS failure, RFC 6120 §5.4.2.2). */
    void closeQuietly() {
        if (!(state instanceof StreamState.Closed)) {
            connection.write(framing.close());
            end(false);
        }
    }

    /**
     * @param resumable whether the peer may still come back for the session: true when the connection
     *                  was lost rather than closed by either side on purpose (XEP-0198 §7)
     */
    private void end(boolean resumable) {
        StreamState previous = state;
        state = new StreamState.Closed();
        queued.clear();
        authDeadline.cancel();
        idleCheck.cancel();
        connection.close();
        if (previous instanceof StreamState.Bound b && b.session().stream() == this) {
            b.session().streamEnded(resumable);
        }
    }

    public Executor executor() {
        return connection.executor();
    }

    public boolean secure() {
        return connection.secure();
    }

    public boolean closed() {
        return state instanceof StreamState.Closed;
    }

    /** Whether the stream is authenticated and bound. */
    public boolean isBound() {
        return state instanceof StreamState.Bound;
    }

    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    /**
     * SASL data as carried in XML: base64, whitespace ignored; "=" (RFC 6120 §6.4.2) and an empty element
     * (XEP-0388 §2.2) are empty data. Null if it is not base64.
     */
    static byte[] unbase64(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getMimeDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String base64(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }
}
