package im.kith.xmpp.s2s;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.StreamHeader;

/**
 * An incoming server stream: the header checks of RFC 6120 §4.7, STARTTLS required (§5), then
 * SASL EXTERNAL with a certificate valid for the peer domain (§6, §13.7.2) or dialback
 * (XEP-0220 §2.2), and stanzas whose addresses the peer may use ({@link InboundStanzas}). A peer
 * that asks for a bidirectional stream (XEP-0288) gets this server's stanzas for the authenticated
 * pairs over it as well ({@link InboundBidi}).
 */
public final class InboundStream extends S2sStream implements PeerAddresses {
    private static final Logger LOG = Logger.getLogger(InboundStream.class);
    private static final int MAX_SASL_FAILURES = 3;

    private final DialbackVerifier dialback;
    private final InboundStanzas stanzas;
    private final InboundBidi bidi;
    private final Set<String> authenticated = new HashSet<>();
    private final Set<String> pending = new HashSet<>();
    private InboundState state = new InboundState.Unsecured();
    private String localDomain;
    private String peerDomain;
    private String streamId;
    private boolean saslDone;
    private String saslDomain;
    private int saslFailures;

    public InboundStream(S2sLink link, FederationServices services, DialbackVerifier dialback,
            FederationRouter routes) {
        super(link, services);
        this.dialback = dialback;
        this.stanzas = new InboundStanzas(this, this, services);
        this.bidi = new InboundBidi(routes, this, services.config().bidi());
    }

    /** Starts the authentication and idle clocks. */
    public void start() {
        link.schedule(services.config().authTimeout(), () -> {
            if (authenticated.isEmpty() && !closed()) {
                closeWithError(StreamErrorCondition.CONNECTION_TIMEOUT, "authentication took too long");
            }
        });
        startIdleTimer();
    }

    @Override
    public boolean mayComeFrom(String domain) {
        return authenticated.contains(domain);
    }

    @Override
    public boolean mayGoTo(String domain) {
        return services.router().isLocalDomain(domain);
    }

    @Override
    public void onStreamOpen(StreamHeader header) {
        if (closed()) {
            return;
        }
        streamId = newStreamId();
        String to = header.attribute("to");
        boolean local = to != null && services.router().isLocalDomain(to);
        writeHeader(local ? to : services.domain(), header.attribute("from"), streamId);
        // RFC 6120 §4.8.2 / §4.9.3.10: the content namespace of a server stream is jabber:server.
        if (!Ns.SERVER.equals(header.defaultNamespace())) {
            closeWithError(StreamErrorCondition.INVALID_NAMESPACE, "the content namespace must be jabber:server");
            return;
        }
        // RFC 6120 §4.9.3.6: 'to' must name a domain served here.
        if (!local || (localDomain != null && !localDomain.equals(to))) {
            closeWithError(StreamErrorCondition.HOST_UNKNOWN, "this server does not serve " + to);
            return;
        }
        String version = header.attribute("version");
        if (version == null || !version.startsWith("1.")) {
            closeWithError(StreamErrorCondition.UNSUPPORTED_VERSION, "version 1.0 (and TLS) is required");
            return;
        }
        String from = header.attribute("from");
        if (from != null && !services.policy().permits(from)) {
            LOG.infof("refused s2s stream from %s (%s): federation not permitted", from, link.describe());
            closeWithError(StreamErrorCondition.POLICY_VIOLATION, "federation with " + from + " is not permitted");
            return;
        }
        localDomain = to;
        peerDomain = from;
        write(features());
        if (saslDomain != null) {
            // XEP-0288 §2.2 (and its example): with SASL our stanzas may follow the features of the
            // restarted stream; anything sent earlier would belong to the stream the peer discards.
            bidi.authenticated(localDomain, saslDomain, "SASL EXTERNAL");
            saslDomain = null;
        }
    }

    /** RFC 6120 §4.3.2: the features for the current phase. */
    private String features() {
        StringBuilder sb = new StringBuilder("<stream:features>");
        if (!link.secure()) {
            // RFC 6120 §5.3.1: TLS is mandatory-to-negotiate here.
            sb.append("<starttls xmlns='").append(Ns.TLS).append("'><required/></starttls>");
            bidiFeature(sb);
        } else if (!saslDone) {
            if (peerDomain != null && services.verifier().verify(link.peerCertificates(), peerDomain).trusted()) {
                // RFC 6120 §6.3.4 / XEP-0178: EXTERNAL only when the certificate authenticates the peer.
                sb.append("<mechanisms xmlns='").append(Ns.SASL).append("'><mechanism>EXTERNAL</mechanism></mechanisms>");
            }
            // XEP-0220 §2.3.1 / §3.1: dialback, with support for error conditions.
            sb.append("<dialback xmlns='").append(S2sNs.DIALBACK_FEATURE).append("'><errors/></dialback>");
            bidiFeature(sb);
        }
        return sb.append("</stream:features>").toString();
    }

    /** XEP-0288 §2.1: offered before and after TLS (it can only be enabled after). */
    private void bidiFeature(StringBuilder sb) {
        if (bidi.offered()) {
            sb.append(Bidi.FEATURE);
        }
    }

    @Override
    public void onElement(Element e) {
        if (closed()) {
            return;
        }
        if (e.is("error", Ns.STREAMS)) {
            // RFC 6120 §4.9.1.1: the peer detected an error and is closing; it gets our closing tag
            // (§4.4), not a stream error of our own in reply.
            Element condition = e.childInNamespace(Ns.STREAM_ERRORS);
            LOG.infof("s2s stream from %s (%s) ended by the peer: %s", peerDomain, link.describe(),
                    condition == null ? "?" : condition.name());
            closeGracefully();
            return;
        }
        if (!link.secure()) {
            // Includes <bidi/>: XEP-0288 §2.1, STARTTLS MUST be completed before enabling it.
            unsecured(e);
        } else if (Bidi.isRequest(e) && bidi.request()) {
            LOG.debugf("s2s stream from %s (%s) is bidirectional", peerDomain, link.describe());
        } else if (e.is("auth", Ns.SASL)) {
            external(e);
        } else if (e.is("result", S2sNs.DIALBACK)) {
            dialbackResult(e);
        } else if (e.is("verify", S2sNs.DIALBACK)) {
            dialbackVerify(e);
        } else if (im.kith.xmpp.stanza.Stanza.isStanza(e, Ns.SERVER)) {
            if (authenticated.isEmpty()) {
                // RFC 6120 §4.9.3.12: nothing is routed before the peer is authenticated.
                closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "authenticate first");
            } else {
                stanzas.receive(e);
            }
        } else {
            closeWithError(StreamErrorCondition.UNSUPPORTED_STANZA_TYPE,
                    "unexpected <" + e.name() + "/> in " + e.namespace());
        }
    }

    private void unsecured(Element e) {
        if (!e.is("starttls", Ns.TLS)) {
            closeWithError(StreamErrorCondition.POLICY_VIOLATION, "TLS is required");
            return;
        }
        if (hasUnparsedInput()) {
            // RFC 6120 §5.4.3.3: nothing may follow <starttls/> before the handshake.
            closeWithError(StreamErrorCondition.POLICY_VIOLATION, "data sent after <starttls/>");
            return;
        }
        write("<proceed xmlns='" + Ns.TLS + "'/>");
        restart();
        link.startTls().whenComplete((ok, failure) -> link.executor().execute(() -> {
            if (failure != null) {
                LOG.infof("s2s TLS handshake with %s failed: %s", link.describe(), failure.getMessage());
                link.close();
            } else {
                state = new InboundState.Secured();
            }
        }));
    }

    /** RFC 6120 §6.4: SASL EXTERNAL with the TLS client certificate (the only mechanism offered). */
    private void external(Element auth) {
        if (saslDone) {
            closeWithError(StreamErrorCondition.POLICY_VIOLATION, "already authenticated");
            return;
        }
        if (!"EXTERNAL".equals(auth.attribute("mechanism"))) {
            saslFailure("invalid-mechanism", null);
            return;
        }
        String authzid = decode(auth.text());
        if (authzid == null) {
            saslFailure("incorrect-encoding", null);
            return;
        }
        String domain = authzid.isEmpty() ? peerDomain : authzid;
        if (domain == null || (peerDomain != null && !peerDomain.equals(domain))) {
            // RFC 6120 §6.4.6 / XEP-0178 §3: the identity must be the stream's 'from' domain.
            saslFailure("invalid-authzid", "the authorization identity must be the stream's 'from'");
            return;
        }
        PeerVerdict verdict = services.verifier().verify(link.peerCertificates(), domain);
        if (verdict instanceof PeerVerdict.Untrusted u || !services.policy().permits(domain)) {
            String reason = verdict instanceof PeerVerdict.Untrusted u ? u.reason() : "not permitted";
            LOG.infof("refused SASL EXTERNAL from %s (%s): %s", domain, link.describe(), reason);
            services.status().error(domain, "incoming SASL EXTERNAL refused: " + reason);
            saslFailure("not-authorized", reason);
            return;
        }
        saslDone = true;
        write("<success xmlns='" + Ns.SASL + "'/>");
        restart();
        authenticatedAs(domain, "SASL EXTERNAL");
        // XEP-0288 §2.2: with SASL, we may send from the stream's 'to' to the authenticated domain,
        // once the stream has restarted (onStreamOpen).
        saslDomain = domain;
    }

    private void saslFailure(String condition, String text) {
        write("<failure xmlns='" + Ns.SASL + "'><" + condition + "/>"
                + (text == null ? "" : "<text xml:lang='en'>" + im.kith.xmpp.xml.XmlWriter.escape(text) + "</text>")
                + "</failure>");
        if (++saslFailures >= MAX_SASL_FAILURES) {
            closeWithError(StreamErrorCondition.POLICY_VIOLATION, "too many failed attempts");
        }
    }

    /** XEP-0220 §2.2: the originating server asks to be accepted for a domain. */
    private void dialbackResult(Element e) {
        String from = e.attribute("from");
        String to = e.attribute("to");
        if (e.attribute("type") != null) {
            // A verdict only ever travels from us to the peer on this stream.
            LOG.infof("refused unsolicited <db:result type='%s'/> from %s", e.attribute("type"), link.describe());
            closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "unsolicited dialback result");
            return;
        }
        if (from == null || to == null || e.text().isBlank()) {
            closeWithError(StreamErrorCondition.BAD_FORMAT, "<db:result/> needs 'from', 'to' and a key");
            return;
        }
        if (!services.router().isLocalDomain(to)) {
            dialbackError("result", to, from, null, "item-not-found", "cancel");
            return;
        }
        if (!services.policy().permits(from)) {
            dialbackError("result", to, from, null, "policy-violation", "auth");
            return;
        }
        if (authenticated.contains(from) || !pending.add(from)) {
            return; // already accepted, or being verified
        }
        PeerVerdict verdict = services.verifier().verify(link.peerCertificates(), from);
        if (!verdict.trusted() && !services.policy().insecure(from)) {
            pending.remove(from);
            String reason = ((PeerVerdict.Untrusted) verdict).reason();
            LOG.infof("refused dialback from %s (%s): %s", from, link.describe(), reason);
            services.status().error(from, "incoming dialback refused: " + reason);
            dialbackError("result", to, from, null, "not-authorized", "auth");
            return;
        }
        String id = streamId;
        dialback.verify(to, from, id, e.text().trim()).whenComplete((valid, failure) -> link.executor().execute(() -> {
            pending.remove(from);
            if (closed()) {
                return;
            }
            if (failure != null) {
                LOG.infof("dialback for %s not verified: %s", from, failure.getMessage());
                dialbackError("result", to, from, null, "remote-server-not-found", "cancel");
            } else if (valid) {
                writeDialback("result", Map.of("from", to, "to", from, "type", "valid"), null);
                authenticatedAs(from, "dialback");
                // XEP-0288 §2.2: with dialback, the inverse of each verified pair. The key was checked
                // over a stream of its own (DialbackVerifier), never this one, as §2.2 requires.
                bidi.authenticated(to, from, "dialback");
            } else {
                LOG.infof("refused dialback from %s (%s): the authoritative server denies the key", from,
                        link.describe());
                services.status().error(from, "incoming dialback key refused by the authoritative server");
                writeDialback("result", Map.of("from", to, "to", from, "type", "invalid"), null);
                if (authenticated.isEmpty()) {
                    closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "dialback key refused");
                }
            }
        }));
    }

    /** XEP-0220 §2.1.3: a receiving server asks us, the authoritative server, about a key. */
    private void dialbackVerify(Element e) {
        String from = e.attribute("from");
        String to = e.attribute("to");
        String id = e.attribute("id");
        if (e.attribute("type") != null) {
            LOG.infof("refused unsolicited <db:verify type='%s'/> from %s", e.attribute("type"), link.describe());
            closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "unsolicited dialback verification result");
            return;
        }
        if (from == null || to == null || id == null) {
            closeWithError(StreamErrorCondition.BAD_FORMAT, "<db:verify/> needs 'from', 'to' and 'id'");
            return;
        }
        if (!services.router().isLocalDomain(to)) {
            dialbackError("verify", to, from, id, "item-not-found", "cancel");
            return;
        }
        boolean valid = services.keys().verify(from, to, id, e.text());
        LOG.debugf("dialback verification for %s -> %s: %s", to, from, valid ? "valid" : "invalid");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("from", to);
        attributes.put("to", from);
        attributes.put("id", id);
        attributes.put("type", valid ? "valid" : "invalid");
        writeDialback("verify", attributes, null);
    }

    private void authenticatedAs(String domain, String how) {
        if (authenticated.add(domain)) {
            state = new InboundState.Authenticated();
            authenticatedLimits();
            link.authenticated();
            services.status().inboundUp(domain, how);
            LOG.infof("s2s stream from %s (%s) authenticated by %s", domain, link.describe(), how);
        }
    }

    private static String decode(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.equals("=")) {
            return "";
        }
        try {
            return new String(Base64.getMimeDecoder().decode(t), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    protected void ended() {
        state = new InboundState.Closed();
        bidi.ended();
        for (String d : authenticated) {
            services.status().inboundDown(d);
        }
    }

    /** Whether the stream's state is as given; for the listener's bookkeeping. */
    boolean authenticatedStream() {
        return state instanceof InboundState.Authenticated;
    }
}
