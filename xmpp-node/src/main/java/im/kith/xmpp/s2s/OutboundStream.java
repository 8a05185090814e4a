package im.kith.xmpp.s2s;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jboss.logging.Logger;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StreamHeader;

/**
 * An outgoing server stream from a local domain to a remote one: header, STARTTLS (required, RFC 6120
 * §5), the peer's certificate checked for the remote domain (§13.7.2), then SASL EXTERNAL (§6) when
 * offered and our certificate names our domain, else Server Dialback (XEP-0220 §2.1). A
 * {@link Purpose#VERIFY} stream stops after TLS and carries {@code <db:verify/>} requests (§2.1.3).
 * When the peer offers it and KITH_S2S_BIDI is on, a route stream is made bidirectional (XEP-0288):
 * once authenticated it also carries the peer's stanzas for the reverse of its domain pair, checked
 * like those on incoming streams ({@link InboundStanzas}).
 */
final class OutboundStream extends S2sStream implements PeerAddresses {
    private static final Logger LOG = Logger.getLogger(OutboundStream.class);

    enum Purpose { ROUTE, VERIFY }

    private final String local;
    private final String remote;
    private final Purpose purpose;
    private final OutboundListener listener;
    private final InboundStanzas stanzas;
    private OutboundState state = new OutboundState.Opening();
    private String streamId;
    private boolean headerOffersDialback;
    private boolean peerTrusted;
    private boolean reported;
    private String authentication;
    private boolean bidi;

    OutboundStream(S2sLink link, FederationServices services, String local, String remote, Purpose purpose,
            OutboundListener listener) {
        super(link, services);
        this.local = local;
        this.remote = remote;
        this.purpose = purpose;
        this.listener = listener;
        this.stanzas = new InboundStanzas(this, this, services);
    }

    /** Sends the initial header (RFC 6120 §4.7: 'from' is our domain, 'to' the peer's). */
    void start() {
        peerTrusted = link.secure() && checkPeer();
        if (link.secure() && !peerTrusted && !services.policy().insecure(remote)) {
            return;
        }
        writeHeader(local, remote, null);
        startIdleTimer();
    }

    String local() {
        return local;
    }

    String remote() {
        return remote;
    }

    /** How the stream authenticated: {@code SASL EXTERNAL} or {@code dialback}; null before. */
    String authentication() {
        return authentication;
    }

    boolean ready() {
        return state instanceof OutboundState.Ready;
    }

    /** Whether bidirectionality was requested (XEP-0288 §2.2): the peer may send stanzas here too. */
    boolean bidi() {
        return bidi;
    }

    /** XEP-0288 §2.2: only the inverse of the authenticated domain pair, remote to local. */
    @Override
    public boolean mayComeFrom(String domain) {
        return bidi && remote.equals(domain);
    }

    @Override
    public boolean mayGoTo(String domain) {
        return local.equals(domain);
    }

    /** Asks the authoritative server whether a key is one it generated (XEP-0220 §2.1.3). */
    void verify(String streamId, String key) {
        writeDialback("verify", Map.of("from", local, "to", remote, "id", streamId), key);
    }

    @Override
    public void onStreamOpen(StreamHeader header) {
        if (closed()) {
            return;
        }
        if (!Ns.SERVER.equals(header.defaultNamespace())) {
            fail(StreamErrorCondition.INVALID_NAMESPACE, "the content namespace must be jabber:server");
            return;
        }
        String version = header.attribute("version");
        if (version == null || !version.startsWith("1.")) {
            fail(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 is required (TLS is mandatory)");
            return;
        }
        streamId = header.attribute("id");
        headerOffersDialback = S2sNs.DIALBACK.equals(header.prefixes().get("db"));
    }

    @Override
    public void onElement(Element e) {
        if (closed()) {
            return;
        }
        if (e.is("error", Ns.STREAMS)) {
            Element condition = e.childInNamespace(Ns.STREAM_ERRORS);
            report(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND,
                    "stream error from " + remote + ": " + (condition == null ? "?" : condition.name()));
            closeGracefully();
            return;
        }
        if (e.is("features", Ns.STREAMS)) {
            features(e);
            return;
        }
        switch (state) {
            case OutboundState.StartingTls s -> startTlsAnswer(e);
            case OutboundState.SaslExternal s -> saslAnswer(e);
            case OutboundState.Dialback d -> dialbackAnswer(e);
            case OutboundState.Ready r -> readyElement(e);
            default -> fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "unexpected <" + e.name() + "/>");
        }
    }

    private void features(Element features) {
        if (!link.secure()) {
            if (features.child("starttls", Ns.TLS) == null) {
                // We never federate in the clear (RFC 6120 §5.3.1, §13.9.4).
                fail(StreamErrorCondition.POLICY_VIOLATION, remote + " does not offer STARTTLS");
                return;
            }
            state = new OutboundState.StartingTls();
            write("<starttls xmlns='" + Ns.TLS + "'/>");
            return;
        }
        if (state instanceof OutboundState.SaslDone || purpose == Purpose.VERIFY) {
            authentication = purpose == Purpose.VERIFY ? null : "SASL EXTERNAL";
            becomeReady();
            return;
        }
        requestBidi(features);
        Element mechanisms = features.child("mechanisms", Ns.SASL);
        boolean external = mechanisms != null && mechanisms.elements("mechanism", Ns.SASL).stream()
                .anyMatch(m -> "EXTERNAL".equals(m.text().trim()));
        if (external && peerTrusted && services.ownCertificateCovers(local)) {
            // RFC 6120 §6.4.2 / XEP-0178 §4: the authorization identity is our domain.
            state = new OutboundState.SaslExternal();
            write("<auth xmlns='" + Ns.SASL + "' mechanism='EXTERNAL'>"
                    + Base64.getEncoder().encodeToString(local.getBytes(StandardCharsets.UTF_8)) + "</auth>");
        } else if (features.child("dialback", S2sNs.DIALBACK_FEATURE) != null || headerOffersDialback) {
            startDialback();
        } else {
            fail(StreamErrorCondition.UNSUPPORTED_FEATURE, remote + " offers neither SASL EXTERNAL nor dialback");
        }
    }

    /**
     * XEP-0288 §2.1: only on a secured stream (STARTTLS MUST be completed first); §2.2: the request
     * goes before SASL or dialback. Verification streams never carry stanzas, so never ask.
     */
    private void requestBidi(Element features) {
        if (!bidi && purpose == Purpose.ROUTE && services.config().bidi() && Bidi.offered(features)) {
            bidi = true;
            write(Bidi.REQUEST);
        }
    }

    private void startDialback() {
        if (streamId == null) {
            fail(StreamErrorCondition.INVALID_XML, "the stream header from " + remote + " has no id");
            return;
        }
        state = new OutboundState.Dialback();
        // XEP-0220 §2.1.1: the key binds the receiving domain, our domain and the peer's stream id.
        writeDialback("result", Map.of("from", local, "to", remote), services.keys().key(remote, local, streamId));
    }

    private void startTlsAnswer(Element e) {
        if (!e.is("proceed", Ns.TLS)) {
            fail(StreamErrorCondition.POLICY_VIOLATION, remote + " refused STARTTLS");
            return;
        }
        restart();
        link.startTls().whenComplete((ok, failure) -> link.executor().execute(() -> {
            if (closed()) {
                return;
            }
            if (failure != null) {
                report(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, "TLS handshake with " + remote + " failed: "
                        + failure.getMessage());
                link.close();
                return;
            }
            peerTrusted = checkPeer();
            if (peerTrusted || services.policy().insecure(remote)) {
                state = new OutboundState.Opening();
                writeHeader(local, remote, null);
            }
        }));
    }

    /** RFC 6120 §13.7.2: the receiving server's certificate must be valid for its domain. */
    private boolean checkPeer() {
        PeerVerdict verdict = services.verifier().verify(link.peerCertificates(), remote);
        if (verdict instanceof PeerVerdict.Untrusted u) {
            if (services.policy().insecure(remote)) {
                LOG.warnf("accepting the unverified certificate of %s (insecure domain): %s", remote, u.reason());
                return false;
            }
            fail(StreamErrorCondition.REMOTE_CONNECTION_FAILED, "certificate of " + remote + " rejected: " + u.reason());
            return false;
        }
        return true;
    }

    private void saslAnswer(Element e) {
        if (e.is("success", Ns.SASL)) {
            state = new OutboundState.SaslDone();
            restart();
            writeHeader(local, remote, null);
        } else if (e.is("failure", Ns.SASL) && headerOffersDialback) {
            LOG.infof("SASL EXTERNAL to %s failed; trying dialback", remote);
            startDialback();
        } else {
            fail(StreamErrorCondition.NOT_AUTHORIZED, remote + " refused SASL EXTERNAL");
        }
    }

    private void dialbackAnswer(Element e) {
        if (!e.is("result", S2sNs.DIALBACK)) {
            fail(StreamErrorCondition.NOT_AUTHORIZED, "unexpected <" + e.name() + "/> during dialback");
            return;
        }
        if ("valid".equals(e.attribute("type"))) {
            authentication = "dialback";
            becomeReady();
        } else {
            report(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, remote + " did not accept our dialback key ("
                    + e.attribute("type") + ")");
            closeGracefully();
        }
    }

    private void readyElement(Element e) {
        if (e.is("verify", S2sNs.DIALBACK)) {
            listener.verified(e.attribute("id"), "valid".equals(e.attribute("type")));
        } else if (e.is("result", S2sNs.DIALBACK)) {
            peerDialback(e);
        } else if (bidi && Stanza.isStanza(e, Ns.SERVER)) {
            stanzas.receive(e);
        } else {
            // Without XEP-0288 the peer must not send stanzas on a stream we opened.
            fail(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE, "stanzas on an outgoing stream need XEP-0288");
        }
    }

    /**
     * A {@code <db:result/>} from the peer after authentication. On a bidirectional stream the peer
     * MAY ask to add a domain pair (XEP-0288 §2.2); Kith does not multiplex its outgoing streams, so
     * it answers with a dialback error (XEP-0220 §2.4) and the peer uses a stream of its own. A verdict
     * we never asked for is ignored: nothing is routed to its 'from' domain over this stream
     * (XEP-0288 §4).
     */
    private void peerDialback(Element e) {
        if (bidi && e.attribute("type") == null && e.attribute("from") != null && e.attribute("to") != null) {
            dialbackError("result", e.attribute("to"), e.attribute("from"), null, "feature-not-implemented",
                    "cancel");
        } else {
            LOG.debugf("ignoring a <db:result type='%s'/> from %s", e.attribute("type"), remote);
        }
    }

    private void becomeReady() {
        state = new OutboundState.Ready();
        authenticatedLimits();
        if (purpose == Purpose.ROUTE) {
            LOG.infof("s2s stream %s -> %s authenticated", local, remote);
        }
        if (bidi) {
            // The reverse direction is up as well: the peer's stanzas to us arrive here.
            services.status().inboundUp(remote, authentication);
            LOG.infof("s2s stream from %s (%s) authenticated by %s, on our bidirectional stream (XEP-0288)",
                    remote, link.describe(), authentication);
        }
        listener.ready(this);
    }

    private void fail(StreamErrorCondition condition, String reason) {
        report(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, reason);
        closeWithError(condition, reason);
    }

    private void report(StanzaErrorCondition condition, String reason) {
        if (!reported) {
            reported = true;
            services.status().error(remote, reason);
            listener.failed(this, condition, reason);
        }
    }

    @Override
    protected void ended() {
        boolean wasReady = ready();
        state = new OutboundState.Closed();
        if (wasReady && bidi) {
            services.status().inboundDown(remote);
        }
        if (wasReady && !reported) {
            reported = true; // a normal end (idle, peer closed): not an error
            listener.failed(this, StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, "stream to " + remote + " closed");
        } else {
            report(StanzaErrorCondition.REMOTE_SERVER_NOT_FOUND, "stream to " + remote + " closed");
        }
    }
}
