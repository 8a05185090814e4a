package im.kith.bench.xmpp;

import com.fasterxml.aalto.AsyncXMLInputFactory;
import im.kith.bench.sasl.ScramKeyCache;
import im.kith.bench.sasl.ScramMechanism;
import im.kith.bench.xml.Element;
import im.kith.bench.xml.StreamParser;
import im.kith.bench.xml.Xml;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import javax.xml.stream.XMLStreamException;

/**
 * One client-to-server stream. Not thread-safe: all methods must be called on the event loop that owns the
 * socket, which is also where handlers run.
 *
 * <p>Stanzas sent during one turn of the event loop are written together at the end of that turn, as a
 * client with several stanzas ready would do; a lone stanza still leaves within the same turn.
 *
 * <p>Setup follows RFC 6120: stream header, STARTTLS (required), stream restart, SASL SCRAM (strongest
 * offered), stream restart, resource binding, the legacy session request if the server marks it mandatory,
 * then initial presence (RFC 6121 §4.2). A session opened without credentials stops after STARTTLS.
 */
public final class XmppSession implements StreamParser.Handler {

    /** Receives every stanza that is not a response to one of this session's IQ requests. */
    @FunctionalInterface
    public interface StanzaHandler {
        void onStanza(XmppSession session, Element stanza);
    }

    private enum Phase { OPENING, STARTTLS, TLS_HANDSHAKE, SECURED, AUTHENTICATING, AUTHENTICATED, BINDING,
        SESSION, READY, CLOSED }

    private final NetSocket socket;
    private final Target target;
    private final ScramKeyCache keys;
    private final RandomGenerator random;
    private final Credentials credentials;
    private final String resource;
    private final StreamParser parser;
    private final Promise<XmppSession> established = Promise.promise();
    private final Promise<Void> closed = Promise.promise();
    private final Context context;
    private final Map<String, Promise<Element>> pendingIqs = new HashMap<>();
    private final StanzaHandler handler;
    private Buffer pending;
    private Phase phase = Phase.OPENING;
    private Element features;
    private SaslNegotiation sasl;
    private String jid;
    private long nextIqId;

    XmppSession(NetSocket socket, Target target, ScramKeyCache keys, RandomGenerator random,
            AsyncXMLInputFactory xmlFactory, Credentials credentials, String resource, StanzaHandler handler) {
        this.socket = socket;
        this.target = target;
        this.keys = keys;
        this.random = random;
        this.credentials = credentials;
        this.resource = resource;
        this.handler = handler;
        this.parser = new StreamParser(xmlFactory, this);
        this.context = Vertx.currentContext();
    }

    Future<XmppSession> start() {
        socket.handler(this::received);
        socket.exceptionHandler(e -> abort("io", e.toString()));
        socket.closeHandler(v -> connectionClosed());
        openStream();
        return established.future();
    }

    /** The full JID the server bound, or {@code null} before binding. */
    public String jid() {
        return jid;
    }

    /** The SASL mechanism used, or {@code null} if the session is not authenticated. */
    public ScramMechanism mechanism() {
        return sasl == null ? null : sasl.mechanism();
    }

    /** The most recent stream features. */
    public Element features() {
        return features;
    }

    public boolean isOpen() {
        return phase != Phase.CLOSED;
    }

    /** Writes raw XML; silently dropped once the session is closed. */
    public void send(String xml) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (pending == null) {
            pending = Buffer.buffer(512);
            context.runOnContext(v -> flush());
        }
        pending.appendString(xml);
    }

    private void flush() {
        Buffer out = pending;
        pending = null;
        if (out != null && phase != Phase.CLOSED) {
            socket.write(out);
        }
    }

    /**
     * Sends an IQ request and completes with the result stanza, or fails with the error condition.
     *
     * @param to addressee, or {@code null} for the account or server itself
     */
    public Future<Element> iq(String type, String to, String payload) {
        String id = "q" + (++nextIqId);
        Promise<Element> response = Promise.promise();
        pendingIqs.put(id, response);
        send("<iq type='" + type + "' id='" + id + "'" + (to == null ? "" : " to='" + Xml.escape(to) + "'") + ">"
                + payload + "</iq>");
        return response.future();
    }

    /** Ends the stream politely and closes the connection; completes when the connection is gone. */
    public Future<Void> close() {
        if (phase != Phase.CLOSED) {
            send("</stream:stream>");
            flush();
            socket.close();
        }
        return closed.future();
    }

    /** Fails setup (if still running) and drops the connection. */
    void abort(String condition, String message) {
        XmppException failure = new XmppException(condition, message + " (phase " + phase + ")");
        established.tryFail(failure);
        if (phase != Phase.CLOSED) {
            socket.close();
        }
    }

    private void openStream() {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
                + " xmlns:stream='http://etherx.jabber.org/streams' to='" + Xml.escape(target.domain())
                + "' version='1.0' xml:lang='en'>");
    }

    private void received(Buffer buffer) {
        byte[] bytes = buffer.getBytes();
        try {
            parser.feed(bytes, 0, bytes.length);
        } catch (XMLStreamException e) {
            abort("xml", "malformed XML from server: " + e.getMessage());
        } catch (XmppException e) {
            abort(e.condition(), e.getMessage());
        }
    }

    @Override
    public void streamOpened(Element header) {
        if (!header.is("stream", Namespaces.STREAM)) {
            throw new XmppException("xml", "expected a stream header, got " + header.name());
        }
    }

    @Override
    public void streamClosed() {
        abort("closed", "server closed the stream");
    }

    @Override
    public void stanza(Element stanza) {
        if (stanza.is("error", Namespaces.STREAM)) {
            String condition = stanza.children().isEmpty() ? "undefined" : stanza.children().get(0).name();
            throw new XmppException(condition, "stream error " + condition);
        }
        switch (phase) {
            case OPENING -> startTls(expectFeatures(stanza));
            case STARTTLS -> tlsProceed(stanza);
            case SECURED -> secured(expectFeatures(stanza));
            case AUTHENTICATING -> authenticating(stanza);
            case AUTHENTICATED -> bind(expectFeatures(stanza));
            case BINDING -> bound(stanza);
            case SESSION -> sessionEstablished(stanza);
            case READY -> route(stanza);
            case TLS_HANDSHAKE, CLOSED -> throw new XmppException("protocol", "unexpected " + stanza.name());
        }
    }

    private Element expectFeatures(Element stanza) {
        if (!stanza.is("features", Namespaces.STREAM)) {
            throw new XmppException("protocol", "expected stream features, got " + stanza.name());
        }
        features = stanza;
        return stanza;
    }

    private void startTls(Element features) {
        if (features.child("starttls", Namespaces.TLS) == null) {
            throw new XmppException("policy", "server does not offer STARTTLS");
        }
        phase = Phase.STARTTLS;
        send("<starttls xmlns='" + Namespaces.TLS + "'/>");
    }

    private void tlsProceed(Element stanza) {
        if (!stanza.is("proceed", Namespaces.TLS)) {
            throw new XmppException("tls", "STARTTLS refused: " + stanza.name());
        }
        phase = Phase.TLS_HANDSHAKE;
        parser.restart();
        socket.upgradeToSsl(target.domain()).onComplete(done -> {
            if (done.failed()) {
                abort("tls", "TLS handshake failed: " + done.cause());
            } else if (phase == Phase.TLS_HANDSHAKE) {
                phase = Phase.SECURED;
                openStream();
            }
        });
    }

    private void secured(Element features) {
        if (credentials == null) {
            phase = Phase.READY;
            established.tryComplete(this);
            return;
        }
        sasl = new SaslNegotiation(features, credentials, keys, random);
        phase = Phase.AUTHENTICATING;
        send(sasl.start());
    }

    private void authenticating(Element stanza) {
        String response = sasl.handle(stanza);
        if (response != null) {
            send(response);
        } else {
            phase = Phase.AUTHENTICATED;
            parser.restart();
            openStream();
        }
    }

    private void bind(Element features) {
        if (features.child("bind", Namespaces.BIND) == null) {
            throw new XmppException("protocol", "server does not offer resource binding");
        }
        phase = Phase.BINDING;
        send("<iq type='set' id='bind'><bind xmlns='" + Namespaces.BIND + "'><resource>" + Xml.escape(resource)
                + "</resource></bind></iq>");
    }

    private void bound(Element stanza) {
        Element bind = expectResult(stanza, "bind").child("bind", Namespaces.BIND);
        jid = bind == null ? null : bind.childText("jid");
        if (jid == null) {
            throw new XmppException("protocol", "bind result without a JID");
        }
        Element session = features.child("session", Namespaces.SESSION);
        if (session != null && session.child("optional", Namespaces.SESSION) == null) {
            phase = Phase.SESSION;
            send("<iq type='set' id='session'><session xmlns='" + Namespaces.SESSION + "'/></iq>");
        } else {
            ready();
        }
    }

    private void sessionEstablished(Element stanza) {
        expectResult(stanza, "session");
        ready();
    }

    private void ready() {
        phase = Phase.READY;
        send("<presence/>");
        established.tryComplete(this);
    }

    private static Element expectResult(Element stanza, String id) {
        if (!stanza.is("iq", Namespaces.CLIENT) || !id.equals(stanza.attribute("id"))) {
            throw new XmppException("protocol", "expected the " + id + " response, got " + stanza.name());
        }
        if (!"result".equals(stanza.attribute("type"))) {
            String condition = Stanzas.errorCondition(stanza);
            throw new XmppException(condition, id + " failed: " + condition);
        }
        return stanza;
    }

    private void route(Element stanza) {
        if (stanza.is("iq", Namespaces.CLIENT)) {
            String type = stanza.attribute("type");
            if ("result".equals(type) || "error".equals(type)) {
                Promise<Element> pending = pendingIqs.remove(stanza.attribute("id"));
                if (pending != null) {
                    if ("result".equals(type)) {
                        pending.complete(stanza);
                    } else {
                        String condition = Stanzas.errorCondition(stanza);
                        pending.fail(new XmppException(condition, "IQ error " + condition));
                    }
                    return;
                }
            } else {
                answer(stanza);
                return;
            }
        }
        handler.onStanza(this, stanza);
    }

    /** Answers pings; every other request gets service-unavailable, as RFC 6120 §8.2.3 asks. */
    private void answer(Element request) {
        String id = Xml.escape(String.valueOf(request.attribute("id")));
        String from = request.attribute("from");
        String to = from == null ? "" : " to='" + Xml.escape(from) + "'";
        if (request.child("ping", Namespaces.PING) != null) {
            send("<iq type='result' id='" + id + "'" + to + "/>");
        } else {
            send("<iq type='error' id='" + id + "'" + to + "><error type='cancel'><service-unavailable xmlns='"
                    + Namespaces.STANZAS + "'/></error></iq>");
        }
    }

    private void connectionClosed() {
        phase = Phase.CLOSED;
        parser.close();
        XmppException failure = new XmppException("closed", "connection closed");
        established.tryFail(failure);
        pendingIqs.values().forEach(p -> p.tryFail(failure));
        pendingIqs.clear();
        closed.tryComplete();
    }
}
