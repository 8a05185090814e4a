package im.kith.invite.xmpp;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.invite.InviteConfig;
import im.kith.invite.InviteConfig.RegistrationMode;
import im.kith.invite.core.Redemption;
import im.kith.invite.core.RedemptionException;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.PreAuthStream;
import im.kith.xmpp.feature.StreamFeature;
import im.kith.xmpp.feature.StreamKey;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * In-band registration (XEP-0077) governed by {@code KITH_REGISTRATION}, with invite tokens
 * (XEP-0445, XEP-0401 §5.1): the {@code <preauth xmlns='urn:xmpp:pars:0'/>} IQ checks a token and the
 * stream remembers it, so that the registration that follows need not repeat it (as apps such as
 * Conversations and Snikket do); a registration may also carry a token itself, as a {@code <preauth/>}
 * child of the query or a {@code token} field.
 */
@ApplicationScoped
public class RegistrationFeature implements XmppFeature {
    static final String NS_REGISTER = "jabber:iq:register";
    static final String NS_PARS = "urn:xmpp:pars:0";
    static final String NS_IBR_TOKEN = "urn:xmpp:ibr-token:0";
    static final String NS_REGISTER_FEATURE = "http://jabber.org/features/iq-register";

    /** The token a stream presented in a successful {@code <preauth/>}, and when (XEP-0445 §5). */
    record Presented(String token, Instant at) {
    }

    static final StreamKey<Presented> PRESENTED = new StreamKey<>("invite-token", Presented.class);

    private final Redemption redemption;
    private final Blocking blocking;
    private final RegistrationMode mode;
    private final Clock clock;

    RegistrationFeature(Redemption redemption, Blocking blocking, InviteConfig config, Clock clock) {
        this.redemption = redemption;
        this.blocking = blocking;
        this.mode = config.registration();
        this.clock = clock;
    }

    @Override
    public String name() {
        return "register";
    }

    @Override
    public void register(FeatureContext context) {
        context.unauthenticatedIq(NS_PARS, this::preauth);
        context.unauthenticatedIq(NS_REGISTER, this::registration);
        // XEP-0401 §4: the server offers the invite commands (im.kith.invite.xmpp.*Command).
        context.discoFeature(DiscoTarget.SERVER, "urn:xmpp:invite");
        context.streamFeature((phase, session) -> {
            if (phase != StreamFeature.Phase.PRE_AUTH || mode == RegistrationMode.CLOSED) {
                return null;
            }
            // XEP-0445 §4: the token stream feature; XEP-0077 §4: the registration stream feature.
            return Element.of("register", NS_IBR_TOKEN);
        });
        context.streamFeature((phase, session) -> phase != StreamFeature.Phase.PRE_AUTH
                || mode == RegistrationMode.CLOSED ? null : Element.of("register", NS_REGISTER_FEATURE));
    }

    /** XEP-0445 §5: validate the token; a single-use token is not used up until registration succeeds. */
    private CompletionStage<Element> preauth(IqRequest request) {
        String token = request.iq().payload().attribute("token");
        if (!"set".equals(request.iq().type()) || !request.iq().payload().is("preauth", NS_PARS)) {
            return failed(StanzaErrorCondition.BAD_REQUEST, "expected <preauth token='...'/> in an IQ set");
        }
        if (mode == RegistrationMode.CLOSED) {
            return failed(StanzaErrorCondition.NOT_ALLOWED, "in-band registration is closed; use the invite's web page");
        }
        PreAuthStream stream = request.stream();
        String address = address(stream);
        stream.put(PRESENTED, null);
        return blocking.supply(() -> {
            try {
                Instant at = clock.instant();
                redemption.check(token, address);
                // Remembered for the registration on this stream; the expiry counts at this moment.
                stream.put(PRESENTED, new Presented(token, at));
                return null;
            } catch (RedemptionException e) {
                throw stanzaError(e);
            }
        });
    }

    private CompletionStage<Element> registration(IqRequest request) {
        Element query = request.iq().payload();
        if (!query.is("query", NS_REGISTER)) {
            return failed(StanzaErrorCondition.BAD_REQUEST, "expected <query xmlns='jabber:iq:register'/>");
        }
        if (mode == RegistrationMode.CLOSED) {
            // XEP-0077 §3.1: not-allowed when registration is not offered.
            return failed(StanzaErrorCondition.NOT_ALLOWED, "in-band registration is closed; use the invite's web page");
        }
        if ("get".equals(request.iq().type())) {
            return java.util.concurrent.CompletableFuture.completedFuture(RegistrationForm.form(mode));
        }
        if (query.child("remove", NS_REGISTER) != null) {
            // XEP-0077 §3.2: cancelling needs an authenticated stream.
            return failed(StanzaErrorCondition.NOT_AUTHORIZED, "log in to remove your account");
        }
        RegistrationForm.Submitted s = RegistrationForm.read(query);
        if (s.username() == null || s.password() == null) {
            // XEP-0077 §3.1: not-acceptable when required information is missing.
            return failed(StanzaErrorCondition.NOT_ACCEPTABLE, "username and password are required");
        }
        Presented presented = request.stream().get(PRESENTED);
        String token = s.token() != null ? s.token() : presented != null ? presented.token() : null;
        Instant validAt = presented != null && presented.token().equals(token) ? presented.at() : null;
        if (token == null && mode == RegistrationMode.INVITE) {
            return failed(StanzaErrorCondition.NOT_ALLOWED,
                    "registration needs an invite: send <preauth xmlns='urn:xmpp:pars:0' token='...'/> first");
        }
        String address = address(request.stream());
        return blocking.supply(() -> {
            try {
                if (token != null) {
                    redemption.redeem(token, s.username(), s.password(), address, validAt);
                    request.stream().put(PRESENTED, null);
                } else {
                    redemption.registerOpenly(s.username(), s.password(), address);
                }
                return null;
            } catch (RedemptionException e) {
                throw stanzaError(e);
            }
        });
    }

    /** The throttle key of a stream: the client's address, written as the landing page writes it. */
    static String address(PreAuthStream stream) {
        java.net.InetAddress a = stream.remoteAddress();
        return a == null ? null : a.getHostAddress();
    }

    private static StanzaErrorException stanzaError(RedemptionException e) {
        StanzaErrorCondition condition = switch (e.reason()) {
            // XEP-0445 §5: item-not-found for an unknown, invalid or expired token.
            case UNKNOWN, EXPIRED, USED, REVOKED -> StanzaErrorCondition.ITEM_NOT_FOUND;
            case THROTTLED -> StanzaErrorCondition.RESOURCE_CONSTRAINT;
            // XEP-0077 §3.1: conflict when the username is taken.
            case NAME_TAKEN -> StanzaErrorCondition.CONFLICT;
            // XEP-0077 §3.1: not-acceptable when the data is not acceptable.
            case NAME_INVALID, PASSWORD_INVALID -> StanzaErrorCondition.NOT_ACCEPTABLE;
            case NOT_ALLOWED -> StanzaErrorCondition.NOT_ALLOWED;
        };
        return new StanzaErrorException(condition, e.getMessage());
    }

    private static CompletionStage<Element> failed(StanzaErrorCondition condition, String text) {
        return java.util.concurrent.CompletableFuture.failedFuture(new StanzaErrorException(condition, text));
    }

}
