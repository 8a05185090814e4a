package im.kith.xmpp.sasl.fast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.xmpp.sasl.AuthThrottle;
import im.kith.xmpp.sasl.CredentialStore;
import im.kith.xmpp.sasl.Identities;
import im.kith.xmpp.sasl.SaslAccount;
import im.kith.xmpp.sasl.SaslContext;
import im.kith.xmpp.sasl.SaslExchange;
import im.kith.xmpp.sasl.SaslFailure;
import im.kith.xmpp.sasl.SaslStep;

/**
 * The Hashed Token mechanisms FAST offers (draft-schmaus-kitten-sasl-ht §3; XEP-0484 §4.1): HT-SHA-256
 * with the {@code tls-exporter} (EXPR) or {@code tls-server-end-point} (ENDP) channel binding where the
 * connection has it, and without one (NONE) for clients that cannot bind.
 */
@ApplicationScoped
public class FastMechanisms {
    private static final Logger LOG = Logger.getLogger(FastMechanisms.class);
    private static final int MAX_AUTHCID = 1024;

    /** A mechanism name and the channel-binding type it uses (null for none). */
    private record Ht(String name, String binding) {
    }

    private static final List<Ht> ALL = List.of(new Ht("HT-SHA-256-EXPR", "tls-exporter"),
            new Ht("HT-SHA-256-ENDP", "tls-server-end-point"), new Ht("HT-SHA-256-NONE", null));

    private final FastTokens tokens;
    private final CredentialStore accounts;
    private final AuthThrottle throttle;

    FastMechanisms(FastTokens tokens, CredentialStore accounts, AuthThrottle throttle) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /** The mechanisms this connection supports, channel-bound first; HT needs TLS (draft §1.2). */
    public List<String> offered(SaslContext context) {
        List<String> names = new ArrayList<>();
        if (!context.secure()) {
            return names;
        }
        for (Ht ht : ALL) {
            if (ht.binding() == null || context.channelBinding().types().contains(ht.binding())) {
                names.add(ht.name());
            }
        }
        return names;
    }

    /** Starts a token login for the client installation {@code clientId}; empty for an unknown mechanism. */
    public Optional<FastExchange> start(String mechanism, SaslContext context, String clientId) {
        if (!offered(context).contains(mechanism)) {
            return Optional.empty();
        }
        Ht ht = ALL.stream().filter(h -> h.name().equals(mechanism)).findFirst().orElseThrow();
        return Optional.of(new Exchange(ht, context, clientId));
    }

    /** A FAST login in progress; after success it tells when the used token expires (for rotation). */
    public interface FastExchange extends SaslExchange {
        Optional<Instant> usedTokenExpiry();
    }

    private final class Exchange implements FastExchange {
        private final Ht ht;
        private final SaslContext context;
        private final String clientId;
        private volatile Instant usedExpiry;
        private boolean started;

        Exchange(Ht ht, SaslContext context, String clientId) {
            this.ht = ht;
            this.context = context;
            this.clientId = clientId;
        }

        @Override
        public Optional<Instant> usedTokenExpiry() {
            return Optional.ofNullable(usedExpiry);
        }

        @Override
        public CompletionStage<SaslStep> step(byte[] message) {
            if (started) {
                // HT is one client message and the server's answer (draft §4).
                return done(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "HT takes a single message"));
            }
            started = true;
            if (clientId == null) {
                // XEP-0484 §5.1: tokens belong to a client installation, named by the SASL2 user-agent id.
                return done(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "FAST needs a <user-agent id=''/>"));
            }
            int nul = indexOfNul(message);
            String authcid = nul <= 0 || nul > MAX_AUTHCID ? null : Identities.utf8(Arrays.copyOf(message, nul));
            if (authcid == null || nul == message.length - 1) {
                return done(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST,
                        "expected authcid NUL initiator-hashed-token"));
            }
            byte[] proof = Arrays.copyOfRange(message, nul + 1, message.length);
            byte[] binding = ht.binding() == null ? new byte[0]
                    : context.channelBinding().data(ht.binding()).orElse(null);
            if (binding == null) {
                return done(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "no channel binding available"));
            }
            String localpart = Identities.localpart(authcid);
            String throttleKey = localpart != null ? localpart : authcid;
            var delay = throttle.delay(context.remoteAddress(), throttleKey);
            if (delay.isPresent()) {
                return done(AuthThrottle.refusal(delay.get()));
            }
            if (localpart == null) {
                throttle.failed(context.remoteAddress(), null);
                return done(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null));
            }
            return accounts.credentials(localpart)
                    .thenCompose(account -> verify(account, localpart, proof, binding))
                    .exceptionally(e -> {
                        LOG.warnf(e, "FAST verification failed for %s", localpart);
                        return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, "account store unavailable");
                    });
        }

        private CompletionStage<SaslStep> verify(Optional<SaslAccount> account, String localpart, byte[] proof,
                byte[] binding) {
            if (account.isEmpty()) {
                // The same answer as for a wrong token: it does not tell whether the account exists.
                throttle.failed(context.remoteAddress(), localpart);
                return done(invalidToken());
            }
            if (account.get().disabled()) {
                return done(new SaslStep.Failure(SaslFailure.ACCOUNT_DISABLED, "this account is disabled"));
            }
            String canonical = account.get().localpart();
            return tokens.verify(canonical, clientId, ht.name(), proof, binding).thenApply(match -> {
                if (match.isEmpty()) {
                    LOG.infof("Failed FAST login for '%s' from %s", canonical, context.remoteAddress());
                    throttle.failed(context.remoteAddress(), canonical);
                    // XEP-0484 §5.1: the client then drops the token and falls back to its password.
                    return invalidToken();
                }
                throttle.succeeded(context.remoteAddress(), canonical);
                usedExpiry = match.get().expiresAt();
                return new SaslStep.Success(canonical, FastTokens.responder(match.get(), binding));
            });
        }
    }

    private static SaslStep.Failure invalidToken() {
        return new SaslStep.Failure(SaslFailure.CREDENTIALS_EXPIRED, "the token is not valid");
    }

    private static int indexOfNul(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }


    private static CompletionStage<SaslStep> done(SaslStep step) {
        return CompletableFuture.completedFuture(step);
    }
}
