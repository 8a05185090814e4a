package im.kith.xmpp.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import im.kith.xmpp.feature.AuthInlineHandler;
import im.kith.xmpp.feature.BindHook;
import im.kith.xmpp.feature.BindInlineHandler;
import im.kith.xmpp.feature.ElementKey;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.sasl.SaslContext;
import im.kith.xmpp.sasl.SaslExchange;
import im.kith.xmpp.sasl.SaslFailure;
import im.kith.xmpp.sasl.SaslMechanism;
import im.kith.xmpp.sasl.SaslStep;
import im.kith.xmpp.sasl.fast.FastMechanisms;
import im.kith.xmpp.sasl.fast.FastToken;
import im.kith.xmpp.sasl.fast.FastTokens;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.XmlWriter;

/**
 * SASL2 (XEP-0388) on a client stream, with what it carries inline: Bind 2 (XEP-0386), FAST tokens
 * (XEP-0484) and features' requests such as XEP-0198 resumption. Unlike RFC 6120 SASL there is no stream
 * restart: {@code <success/>} is followed by the stream features of the authenticated stream (§2.6.1).
 */
final class Sasl2Negotiation {
    private static final Logger LOG = Logger.getLogger(Sasl2Negotiation.class);
    private static final String NS = Sasl2Request.NS;
    private static final String BIND_NS = Sasl2Request.BIND_NS;
    private static final int MAX_TAG = 32;

    private final C2sStream stream;
    private final SessionServices services;
    private final Negotiation negotiation;

    Sasl2Negotiation(C2sStream stream, SessionServices services, Negotiation negotiation) {
        this.stream = stream;
        this.services = services;
        this.negotiation = negotiation;
    }

    boolean enabled() {
        return services.sasl2().enabled();
    }

    /** The {@code <authentication/>} stream feature (§2.1), or null when SASL2 is off. */
    Element feature(SaslContext ctx) {
        if (!enabled()) {
            return null;
        }
        Element.Builder auth = Element.builder("authentication", NS);
        for (SaslMechanism m : services.mechanisms().offered(ctx)) {
            auth.child(Element.builder("mechanism", NS).text(m.name()).build());
        }
        Element.Builder inline = Element.builder("inline", NS);
        // XEP-0386 §2.1: Bind 2 and the features it can enable inline.
        Element.Builder bindInline = Element.builder("inline", BIND_NS);
        for (String var : services.features().bindInlineFeatures()) {
            bindInline.child(Element.builder("feature", BIND_NS).attribute("var", var).build());
        }
        inline.child(Element.builder("bind", BIND_NS).child(bindInline.build()).build());
        services.features().authInlineOffers().forEach(inline::child);
        List<String> fast = services.sasl2().fastEnabled() ? services.sasl2().fastMechanisms().offered(ctx) : List.of();
        if (!fast.isEmpty()) {
            // XEP-0484 §4.1: no 'tls-0rtt', since authentication in TLS early data is not accepted.
            Element.Builder f = Element.builder("fast", FastTokens.NS);
            fast.forEach(m -> f.child(Element.builder("mechanism", FastTokens.NS).text(m).build()));
            inline.child(f.build());
        }
        return auth.child(inline.build()).build();
    }

    /** {@code <authenticate/>} on a secured, unauthenticated stream (§2.3). */
    void authenticate(Element element) {
        Sasl2Request request;
        try {
            request = Sasl2Request.parse(element);
        } catch (Sasl2Request.BadEncoding e) {
            writeFailure(SaslFailure.INCORRECT_ENCODING, null);
            return;
        }
        SaslContext ctx = stream.saslContext();
        Optional<? extends SaslExchange> exchange = exchange(request, ctx);
        if (exchange.isEmpty()) {
            // §2.3: a mechanism the server did not announce fails the authentication.
            writeFailure(SaslFailure.INVALID_MECHANISM, null);
            return;
        }
        stream.state(new StreamState.Sasl2Authenticating(exchange.get(), request));
        step(exchange.get(), request, request.initialResponse());
    }

    private Optional<? extends SaslExchange> exchange(Sasl2Request request, SaslContext ctx) {
        if (request.mechanism() == null) {
            return Optional.empty();
        }
        if (services.sasl2().fastEnabled() && request.mechanism().startsWith("HT-")) {
            return services.sasl2().fastMechanisms().start(request.mechanism(), ctx, request.clientId());
        }
        return services.mechanisms().find(request.mechanism(), ctx).map(m -> m.start(ctx));
    }

    /** Elements while the exchange runs (§2.5): only {@code <response/>} and {@code <abort/>}. */
    void duringExchange(StreamState.Sasl2Authenticating state, Element element) {
        if (element.is("abort", NS)) {
            stream.state(new StreamState.Unauthenticated());
            writeFailure(SaslFailure.ABORTED, null);
        } else if (element.is("response", NS)) {
            byte[] data = C2sStream.unbase64(element.text());
            if (data == null) {
                stream.state(new StreamState.Unauthenticated());
                writeFailure(SaslFailure.INCORRECT_ENCODING, null);
            } else {
                step(state.exchange(), state.request(), data);
            }
        } else {
            // §2.5: "Servers MUST disconnect Clients immediately if any other traffic is received."
            stream.closeWithError(StreamErrorCondition.NOT_AUTHORIZED, "SASL2 authentication in progress");
        }
    }

    private void step(SaslExchange exchange, Sasl2Request request, byte[] data) {
        stream.suspend();
        exchange.step(data).whenComplete((step, failure) -> stream.executor().execute(() -> {
            if (stream.closed()) {
                return;
            }
            if (failure != null) {
                LOG.warnf("SASL2 step failed: %s", failure.toString());
                failed(new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, null));
            } else {
                switch (step) {
                    case SaslStep.Challenge c -> stream.write("<challenge xmlns='" + NS + "'>"
                            + C2sStream.base64(c.data()) + "</challenge>");
                    case SaslStep.Failure f -> failed(f);
                    case SaslStep.Success s -> succeeded(s, exchange, request);
                }
            }
            stream.resume();
        }));
    }

    private void failed(SaslStep.Failure f) {
        // §2.6.2: the stream state is unchanged and no inline request is processed.
        stream.state(new StreamState.Unauthenticated());
        writeFailure(f.condition(), f.text());
        negotiation.countFailure();
    }

    private void succeeded(SaslStep.Success s, SaslExchange exchange, Sasl2Request request) {
        if (!fromMatches(s.localpart())) {
            // §2.3 / §5.4: the stream's 'from' names the identity the client claims.
            failed(new SaslStep.Failure(SaslFailure.INVALID_AUTHZID, "the stream's 'from' is another account"));
            return;
        }
        stream.state(new StreamState.Sasl2Completing(s.localpart()));
        Outcome outcome = new Outcome(s.localpart(), s.additionalData());
        fastToken(s.localpart(), exchange, request).whenComplete((token, failure) -> stream.executor().execute(() -> {
            if (stream.closed()) {
                return;
            }
            if (failure != null) {
                LOG.warnf(failure, "could not issue a FAST token for %s", s.localpart());
            } else {
                outcome.token = token;
            }
            inline(outcome, request, 0);
        }));
    }

    private boolean fromMatches(String localpart) {
        String from = stream.headerFrom();
        if (from == null || from.isBlank()) {
            return true;
        }
        try {
            Jid jid = Jid.parse(from);
            return jid.local() == null || jid.bare().equals(Jid.of(localpart, services.domain(), null));
        } catch (JidException e) {
            return false;
        }
    }

    /**
     * XEP-0484: a token login asking to invalidate revokes it (§4.5); a token requested (§4.2), or one past
     * half its life used to log in (§4.4), gets a new one, which the client receives in {@code <success/>}.
     */
    private CompletionStage<FastToken> fastToken(String localpart, SaslExchange exchange, Sasl2Request request) {
        if (!services.sasl2().fastEnabled() || request.clientId() == null) {
            return CompletableFuture.completedFuture(null);
        }
        FastTokens tokens = services.sasl2().fastTokens();
        String wanted = request.requestToken();
        if (wanted != null && !services.sasl2().fastMechanisms().offered(stream.saslContext()).contains(wanted)) {
            wanted = null; // §4.2: only a mechanism the server offers
        }
        CompletionStage<Void> before = CompletableFuture.completedFuture(null);
        if (exchange instanceof FastMechanisms.FastExchange fast) {
            if (request.invalidateToken()) {
                before = tokens.invalidate(localpart, request.clientId());
            } else if (wanted == null && fast.usedTokenExpiry().filter(tokens::dueForRotation).isPresent()) {
                wanted = request.mechanism();
            }
        }
        if (wanted == null) {
            return before.thenApply(v -> null);
        }
        String mechanism = wanted;
        return before.thenCompose(v -> tokens.issue(localpart, request.clientId(), mechanism, request.software(),
                request.device()));
    }

    /** Features' inline requests, one after the other (e.g. XEP-0198 resumption, XEP-0386 §2.2 note). */
    private void inline(Outcome outcome, Sasl2Request request, int index) {
        for (int i = index; i < request.inline().size(); i++) {
            Element child = request.inline().get(i);
            AuthInlineHandler handler = services.features().authInline(ElementKey.of(child));
            if (handler == null) {
                continue;
            }
            int next = i + 1;
            handler.handle(stream.unbound(outcome.localpart), child, new AuthInlineHandler.Result() {
                @Override
                public void resumed(Element answer, Runnable afterSuccess) {
                    outcome.answers.add(answer);
                    if (stream.state() instanceof StreamState.Bound b) {
                        writeSuccess(outcome, b.session().jid(), null);
                        afterSuccess.run();
                    }
                }

                @Override
                public void done(Element answer) {
                    if (answer != null) {
                        outcome.answers.add(answer);
                    }
                    if (!stream.closed()) {
                        inline(outcome, request, next);
                    }
                }
            });
            return;
        }
        if (request.bind() != null) {
            bind(outcome, request);
        } else {
            // Authenticated without a resource: legacy binding may follow, with no stream restart.
            stream.state(new StreamState.Authenticated(outcome.localpart));
            writeSuccess(outcome, Jid.of(outcome.localpart, services.domain(), null), null);
        }
    }

    /** Bind 2 (XEP-0386 §2.2). */
    private void bind(Outcome outcome, Sasl2Request request) {
        List<BindHook> hooks = services.features().bindHooks();
        List<CompletableFuture<Element>> prepared = new ArrayList<>();
        for (BindHook hook : hooks) {
            prepared.add(hook.beforeBind(outcome.localpart).toCompletableFuture());
        }
        CompletableFuture.allOf(prepared.toArray(CompletableFuture[]::new)).whenComplete((v, failure) ->
                stream.executor().execute(() -> {
                    if (stream.closed()) {
                        return;
                    }
                    List<Element> bound = new ArrayList<>();
                    for (CompletableFuture<Element> p : prepared) {
                        Element e = p.isCompletedExceptionally() ? null : p.join();
                        if (e != null) {
                            bound.add(e);
                        }
                    }
                    if (failure != null) {
                        LOG.warnf(failure, "a Bind 2 hook failed for %s", outcome.localpart);
                    }
                    bindNow(outcome, request, bound);
                }));
    }

    private void bindNow(Outcome outcome, Sasl2Request request, List<Element> bound) {
        String tag = tag(request.bind().childText("tag", BIND_NS));
        String id = request.clientId() == null ? ResourceBinder.generated("")
                : services.sasl2().stableResourceId(outcome.localpart, request.clientId(), tag);
        // §2.2.1: "[client tag]/[server generated identifier]".
        String resource = tag == null ? id : tag + "/" + id;
        switch (ResourceBinder.bind(stream, services, outcome.localpart, resource)) {
            case ResourceBinder.Outcome.Refused r -> {
                // Authenticated all the same; the client learns why when it binds the legacy way.
                LOG.debugf("Bind 2 refused for %s: %s", outcome.localpart, r.error().text());
                stream.state(new StreamState.Authenticated(outcome.localpart));
                writeSuccess(outcome, Jid.of(outcome.localpart, services.domain(), null), null);
            }
            case ResourceBinder.Outcome.Bound b -> {
                ClientSession session = b.session();
                stream.state(new StreamState.Bound(session));
                // §2.2: features asked for inline are on before anything is written to the session.
                for (Element child : request.bind().elements()) {
                    BindInlineHandler handler = child.is("tag", BIND_NS) ? null
                            : services.features().bindInline(ElementKey.of(child));
                    Element answer = handler == null ? null : handler.enable(session, child);
                    if (answer != null) {
                        bound.add(answer);
                    }
                }
                Element.Builder boundElement = Element.builder("bound", BIND_NS);
                bound.forEach(boundElement::child);
                writeSuccess(outcome, session.jid(), boundElement.build());
                stream.bound(session);
            }
        }
    }

    /** The client's tag if it can start a resourcepart; otherwise none (§2.2.1 "subject to validation"). */
    private String tag(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String t = tag.strip();
        if (t.length() > MAX_TAG || t.indexOf('/') >= 0) {
            return null;
        }
        try {
            return Jid.of("x", services.domain(), t).resource();
        } catch (JidException e) {
            return null;
        }
    }

    /** §2.6.1: {@code <success/>}, then the features of the authenticated stream, without a restart. */
    private void writeSuccess(Outcome outcome, Jid identity, Element bound) {
        Element.Builder success = Element.builder("success", NS);
        if (outcome.additionalData != null) {
            success.child(Element.builder("additional-data", NS)
                    .text(java.util.Base64.getEncoder().encodeToString(outcome.additionalData)).build());
        }
        success.child(Element.builder("authorization-identifier", NS).text(identity.toString()).build());
        outcome.answers.forEach(success::child);
        if (bound != null) {
            success.child(bound);
        }
        if (outcome.token != null) {
            success.child(Element.builder("token", FastTokens.NS)
                    .attribute("expiry", outcome.token.expiry().toString())
                    .attribute("token", outcome.token.token()).build());
        }
        stream.write(XmlWriter.toXml(success.build(), null));
        stream.write(negotiation.features(stream.state(), stream.connection()));
    }

    private void writeFailure(SaslFailure condition, String text) {
        stream.write(Negotiation.failure(NS, condition, text));
    }

    /** What a successful authentication has gathered for its {@code <success/>}. */
    private static final class Outcome {
        final String localpart;
        final byte[] additionalData;
        final List<Element> answers = new ArrayList<>();
        FastToken token;

        Outcome(String localpart, byte[] additionalData) {
            this.localpart = localpart;
            this.additionalData = additionalData;
        }
    }
}
