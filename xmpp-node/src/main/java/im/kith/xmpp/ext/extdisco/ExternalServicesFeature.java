package im.kith.xmpp.ext.extdisco;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0215 External Service Discovery for STUN/TURN, so that calls (Jingle, XEP-0167/0176) work across
 * NAT. TURN credentials are time-limited in the coturn {@code use-auth-secret} scheme: the username is
 * {@code expiry:localpart}, the password base64(HMAC-SHA1(secret, username)).
 */
@ApplicationScoped
public class ExternalServicesFeature implements XmppFeature {
    static final String NS = "urn:xmpp:extdisco:2";

    private final TurnConfig config;
    private final Clock clock;

    @Inject
    public ExternalServicesFeature(TurnConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "extdisco";
    }

    @Override
    public void register(FeatureContext ctx) {
        if (config.host().isEmpty()) {
            return; // no STUN/TURN server configured: nothing to advertise
        }
        ctx.discoFeature(DiscoTarget.SERVER, NS);
        ctx.iq(IqRoute.serverGet(NS), this::services);
        ctx.iq(IqRoute.serverGet(NS + "#credentials"), this::services);
    }

    private CompletionStage<Element> services(IqRequest req) {
        if (req.session() == null) {
            // XEP-0215 §8: credentials are for the server's own users only.
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN);
        }
        String typeFilter = req.iq().payload().attribute("type");
        String host = config.host().orElseThrow();
        Element.Builder services = Element.builder("services", NS);
        if (typeFilter == null || typeFilter.equals("stun")) {
            services.child(service("stun", host, config.port(), "udp", null, null, null));
        }
        boolean turn = typeFilter == null || typeFilter.equals("turn");
        boolean turns = (typeFilter == null || typeFilter.equals("turns")) && config.tlsPort().isPresent();
        if ((turn || turns) && config.secret().isPresent()) {
            Instant expires = clock.instant().plus(config.credentialLifetime()).truncatedTo(ChronoUnit.SECONDS);
            String username = expires.getEpochSecond() + ":" + req.sender().local();
            String password = hmac(config.secret().get(), username);
            if (turn) {
                for (String transport : new String[] {"udp", "tcp"}) {
                    services.child(service("turn", host, config.port(), transport, username, password, expires));
                }
            }
            if (turns) {
                // XEP-0215 'type' is the URI scheme; RFC 7065 defines turns: as TURN over TLS, so over TCP.
                services.child(service("turns", host, config.tlsPort().get(), "tcp", username, password, expires));
            }
        }
        return CompletableFuture.completedFuture(services.build());
    }

    private static Element service(String type, String host, int port, String transport, String username,
            String password, Instant expires) {
        return Element.builder("service", NS).attribute("type", type).attribute("host", host)
                .attribute("port", port).attribute("transport", transport)
                .attribute("restricted", username == null ? null : "1")
                .attribute("username", username).attribute("password", password)
                .attribute("expires", expires == null ? null : DateTimeFormatter.ISO_INSTANT.format(expires))
                .build();
    }

    static String hmac(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
