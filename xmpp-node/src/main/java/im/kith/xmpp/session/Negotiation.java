package im.kith.xmpp.session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import org.jboss.logging.Logger;

import im.kith.xmpp.feature.ElementKey;
import im.kith.xmpp.feature.IqHandler;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.StreamElementHandler;
import im.kith.xmpp.feature.StreamFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.sasl.SaslContext;
import im.kith.xmpp.sasl.SaslExchange;
import im.kith.xmpp.sasl.SaslFailure;
import im.kith.xmpp.sasl.SaslMechanism;
import im.kith.xmpp.sasl.SaslStep;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.XmlWriter;

/**
 * Stream negotiation of a {@link C2sStream}: stream features, STARTTLS (RFC 6120 §5), SASL (§6) and
 * resource binding (§7), plus pre-authentication IQs offered by features (in-band registration).
 */
final class Negotiation {
    private static final Logger LOG = Logger.getLogger(Negotiation.class);
    private static final int MAX_SASL_FAILURES = 5;
    private static final String SASL_CB_NS = "urn:xmpp:sasl-cb:0";

    private final C2sStream stream;
    private final SessionServices services;
    private final Sasl2Negotiation sasl2;
    private int saslFailures;

    Negotiation(C2sStream stream, SessionServices services) {
        this.stream = stream;
        this.services = services;
        this.sasl2 = new Sasl2Negotiation(stream, services, this);
    }

    Sasl2Negotiation sasl2() {
        return sasl2;
    }

    /** The {@code <stream:features/>} for the current phase (RFC 6120 §4.3.2). */
    String features(StreamState state, Connection connection) {
        Element.Builder f = Element.builder("features", Ns.STREAMS);
        if (state instanceof StreamState.Bound) {
            // After SASL2 with Bind 2 (XEP-0388 §2.6.1): what may still be negotiated on the bound stream.
            offer(f, StreamFeature.Phase.POST_AUTH);
        } else if (state instanceof StreamState.Authenticated) {
            f.child(Element.of("bind", Ns.BIND));
            // RFC 6121 legacy session establishment, offered as optional for old clients.
            f.child(Element.builder("session", Ns.SESSION).child(Element.of("optional", Ns.SESSION)).build());
            offer(f, StreamFeature.Phase.POST_AUTH);
        } else if (!connection.secure()) {
            // RFC 6120 §5.3.1: TLS is mandatory-to-negotiate here, so STARTTLS is the only feature.
            f.child(Element.builder("starttls", Ns.TLS).child(Element.of("required", Ns.TLS)).build());
        } else {
            SaslContext ctx = stream.saslContext();
            Element.Builder mechanisms = Element.builder("mechanisms", Ns.SASL);
            for (SaslMechanism m : services.mechanisms().offered(ctx)) {
                mechanisms.child(Element.builder("mechanism", Ns.SASL).text(m.name()).build());
            }
            f.child(mechanisms.build());
            Element authentication = sasl2.feature(ctx);
            if (authentication != null) {
                f.child(authentication);
            }
            List<String> types = ctx.channelBinding().types();
            if (!types.isEmpty()) {
                // XEP-0440 §3: advertise the channel-binding types the server supports.
                Element.Builder cb = Element.builder("sasl-channel-binding", SASL_CB_NS);
                types.forEach(t -> cb.child(Element.builder("channel-binding", SASL_CB_NS).attribute("type", t).build()));
                f.child(cb.build());
            }
            offer(f, StreamFeature.Phase.PRE_AUTH);
        }
        return streamPrefixed(f.build());
    }

    private void offer(Element.Builder features, StreamFeature.Phase phase) {
        for (StreamFeature sf : services.features().streamFeatures()) {
            features.child(sf.offer(phase, null));
        }
    }

    /** Elements on an unauthenticated stream: STARTTLS, SASL auth, or a feature's pre-auth IQ. */
    void unauthenticated(Element element, Connection connection) {
        if (element.is("starttls", Ns.TLS)) {
            startTls(connection);
        } else if (element.is("auth", Ns.SASL)) {
            if (!connection.secure()) {
                // RFC 6120 §6.4.1 / §5.3.1: no authentication before TLS.
                stream.write(saslFailure(SaslFailure.ENCRYPTION_REQUIRED, "STARTTLS first"));
                return;
            }
            auth(element);
        } else if (element.is("authenticate", Sasl2Request.NS) && sasl2.enabled()) {
            if (!connection.secure()) {
                // XEP-0388 §5: SASL2 only after TLS.
                stream.closeWithError(StreamErrorCondition.POLICY_VIOLATION, "STARTTLS first");
                return;
            }
            sasl2.authenticate(element);
        } else if (connection.secure() && element.is("iq", Ns.CLIENT)) {
            unauthenticatedIq(element);
        } else {
            StreamElementHandler h = services.features().streamElementHandler(ElementKey.of(element));
            if (h != null && connection.secure()) {
                h.handle(null, element, false);
            } else {
                // RFC 6120 §4.9.3.12: nothing is processed before the stream is authenticated.
                stream.closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
            }
        }
    }

    private void startTls(Connection connection) {
        if (!connection.canStartTls()) {
            // RFC 6120 §5.4.2.2: STARTTLS after TLS, or where it is not offered, is a failure.
            stream.write("<failure xmlns='" + Ns.TLS + "'/>");
            stream.closeQuietly();
            return;
        }
        if (stream.hasUnparsedInput()) {
            // RFC 6120 §5.4.3.3: nothing may follow <starttls/> before the TLS negotiation.
            stream.closeWithError(StreamErrorCondition.POLICY_VIOLATION, "data sent after <starttls/>");
            return;
        }
        stream.write("<proceed xmlns='" + Ns.TLS + "'/>");
        stream.suspend();
        stream.restart();
        connection.startTls().whenComplete((ok, failure) -> connection.executor().execute(() -> {
            if (failure != null) {
                LOG.debugf("TLS handshake failed: %s", failure.getMessage());
                connection.close();
            } else {
                stream.resume();
            }
        }));
    }

    private void auth(Element auth) {
        SaslContext ctx = stream.saslContext();
        Optional<SaslMechanism> mechanism = services.mechanisms().find(auth.attribute("mechanism"), ctx);
        if (mechanism.isEmpty()) {
            stream.write(saslFailure(SaslFailure.INVALID_MECHANISM, null));
            return;
        }
        byte[] initial = C2sStream.unbase64(auth.text());
        if (initial == null) {
            stream.write(saslFailure(SaslFailure.INCORRECT_ENCODING, null));
            return;
        }
        SaslExchange exchange = mechanism.get().start(ctx);
        stream.state(new StreamState.Authenticating(exchange));
        step(exchange, initial);
    }

    void saslResponse(SaslExchange exchange, Element element) {
        if (element.is("abort", Ns.SASL)) {
            stream.state(new StreamState.Unauthenticated());
            stream.write(saslFailure(SaslFailure.ABORTED, null));
            return;
        }
        if (!element.is("response", Ns.SASL)) {
            stream.closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "SASL negotiation in progress");
            return;
        }
        byte[] data = C2sStream.unbase64(element.text());
        if (data == null) {
            stream.state(new StreamState.Unauthenticated());
            stream.write(saslFailure(SaslFailure.INCORRECT_ENCODING, null));
            return;
        }
        step(exchange, data);
    }

    private void step(SaslExchange exchange, byte[] response) {
        stream.suspend();
        exchange.step(response).whenComplete((step, failure) -> stream.executor().execute(() -> {
            if (stream.closed()) {
                return;
            }
            if (failure != null) {
                LOG.warnf("SASL step failed: %s", failure.toString());
                afterStep(new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, null));
            } else {
                afterStep(step);
            }
            stream.resume();
        }));
    }

    private void afterStep(SaslStep step) {
        switch (step) {
            case SaslStep.Challenge c -> stream.write("<challenge xmlns='" + Ns.SASL + "'>"
                    + C2sStream.base64(c.data()) + "</challenge>");
            case SaslStep.Success s -> {
                stream.state(new StreamState.Authenticated(s.localpart()));
                stream.write("<success xmlns='" + Ns.SASL + "'>"
                        + (s.additionalData() == null ? "" : C2sStream.base64(s.additionalData())) + "</success>");
                stream.restart();
            }
            case SaslStep.Failure f -> {
                stream.state(new StreamState.Unauthenticated());
                stream.write(saslFailure(f.condition(), f.text()));
                countFailure();
            }
        }
    }

    /** Counts a failed authentication; the stream is closed after too many. */
    void countFailure() {
        if (++saslFailures >= MAX_SASL_FAILURES) {
            stream.closeWithError(StreamErrorCondition.POLICY_VIOLATION, "too many failed attempts");
        }
    }

    /** Resource binding (RFC 6120 §7) on an authenticated stream; legacy session IQs are accepted. */
    void bind(String localpart, Element element) {
        if (!element.is("iq", Ns.CLIENT)) {
            StreamElementHandler h = services.features().streamElementHandler(ElementKey.of(element));
            if (h != null) {
                // E.g. XEP-0198 §5 resumption, which takes the place of resource binding.
                h.handle(stream.unbound(localpart), element, true);
            } else {
                stream.closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "bind a resource first");
            }
            return;
        }
        Stanza iq = Stanza.of(element.withAttribute("to", null).withAttribute("from", null));
        Element bind = element.child("bind", Ns.BIND);
        if (bind == null || !"set".equals(iq.type())) {
            stream.writeStanza(iq.errorReply(StanzaError.of(StanzaErrorCondition.NOT_AUTHORIZED,
                    "bind a resource first")).element());
            return;
        }
        String requested = bind.childText("resource", Ns.BIND);
        String resource = requested == null || requested.isBlank() ? ResourceBinder.generated("kith-") : requested;
        switch (ResourceBinder.bind(stream, services, localpart, resource)) {
            case ResourceBinder.Outcome.Refused r -> stream.writeStanza(iq.errorReply(r.error()).element());
            case ResourceBinder.Outcome.Bound b -> {
                stream.writeStanza(iq.resultWith(Element.builder("bind", Ns.BIND)
                        .child(Element.builder("jid", Ns.BIND).text(b.session().jid().toString()).build())
                        .build()).element());
                stream.bound(b.session());
            }
        }
    }

    private void unauthenticatedIq(Element element) {
        Stanza iq;
        try {
            iq = Stanza.of(element.withAttribute("from", null));
        } catch (StanzaErrorException e) {
            stream.closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
            return;
        }
        Element payload = iq.payload();
        IqHandler handler = payload == null || !iq.isIqRequest() ? null
                : services.features().unauthenticatedIq(payload.namespace());
        if (handler == null) {
            stream.closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
            return;
        }
        stream.suspend();
        Jid domain = Jid.domain(services.domain());
        handler.handle(new IqRequest(iq, domain, null, stream.preAuth())).whenComplete((result, failure) ->
                stream.executor().execute(() -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    Stanza reply;
                    if (cause == null) {
                        reply = iq.resultWith(result);
                    } else if (cause instanceof StanzaErrorException s) {
                        reply = iq.errorReply(s.error());
                    } else {
                        LOG.errorf(cause, "pre-authentication IQ failed");
                        reply = iq.errorReply(StanzaError.of(StanzaErrorCondition.INTERNAL_SERVER_ERROR));
                    }
                    stream.writeStanza(reply.withFrom(null).element());
                    stream.resume();
                }));
    }

    private static String saslFailure(SaslFailure condition, String text) {
        return failure(Ns.SASL, condition, text);
    }

    /**
     * A SASL {@code <failure/>} in {@code namespace}: RFC 6120 §6.4.5, or XEP-0388 §2.6.2 whose condition
     * keeps the RFC 6120 namespace.
     */
    static String failure(String namespace, SaslFailure condition, String text) {
        StringBuilder sb = new StringBuilder("<failure xmlns='").append(namespace).append("'><")
                .append(condition.elementName());
        if (!Ns.SASL.equals(namespace)) {
            sb.append(" xmlns='").append(Ns.SASL).append('\'');
        }
        sb.append("/>");
        if (text != null) {
            sb.append("<text xml:lang='en'>");
            XmlWriter.escape(text, sb, false);
            sb.append("</text>");
        }
        return sb.append("</failure>").toString();
    }

    /** Writes the features with the {@code stream:} prefix bound on the stream header. */
    private static String streamPrefixed(Element features) {
        StringBuilder sb = new StringBuilder("<stream:features>");
        for (Element child : features.elements()) {
            XmlWriter.write(child, Ns.CLIENT, sb);
        }
        return sb.append("</stream:features>").toString();
    }
}
