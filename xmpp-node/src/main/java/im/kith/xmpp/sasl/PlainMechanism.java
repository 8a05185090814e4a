package im.kith.xmpp.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import im.kith.xmpp.support.Blocking;

/**
 * PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd} in one message. Offered only on TLS-protected
 * streams (RFC 6120 §6.4.1 — a cleartext password must never cross the network unencrypted). The password
 * is checked against the stored SCRAM-SHA-256 credential (SCRAM-SHA-1 for accounts without one), which
 * costs one {@code Hi} run; it happens on a virtual thread, never on the caller's event loop. Unknown
 * accounts run {@code Hi} on a decoy credential too, so that the answer takes as long.
 */
final class PlainMechanism implements SaslMechanism {
    static final String NAME = "PLAIN";
    private static final Logger LOG = Logger.getLogger(PlainMechanism.class);
    /** Longest field accepted (RFC 4616 §2 asks for at least 255 octets); as long as a password may be. */
    private static final int MAX_FIELD = Passwords.MAX_BYTES;

    private final ScramMechanism decoys;
    private final CredentialStore store;
    private final AuthThrottle throttle;
    private final Blocking blocking;

    /** {@code decoys} supplies decoy credentials (the SCRAM-SHA-256 mechanism sharing our store). */
    PlainMechanism(ScramMechanism decoys, CredentialStore store, AuthThrottle throttle, Blocking blocking) {
        this.decoys = decoys;
        this.store = store;
        this.throttle = throttle;
        this.blocking = blocking;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean offerable(SaslContext context) {
        return context.secure();
    }

    @Override
    public SaslExchange start(SaslContext context) {
        return new SaslExchange() {
            private boolean challenged;
            private boolean finished;

            @Override
            public CompletionStage<SaslStep> step(byte[] response) {
                if (finished) {
                    return done(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, "exchange already finished"));
                }
                if (response.length == 0 && !challenged) {
                    challenged = true; // RFC 6120 §6.4.2: ask for the credentials with an empty challenge
                    return done(new SaslStep.Challenge(new byte[0]));
                }
                finished = true;
                try {
                    return authenticate(context, response);
                } catch (SaslException e) {
                    throttle.failed(context.remoteAddress(), null);
                    return done(e.toStep());
                } catch (RuntimeException e) {
                    LOG.debugf(e, "PLAIN exchange failed on unexpected input");
                    throttle.failed(context.remoteAddress(), null);
                    return done(new SaslStep.Failure(SaslFailure.MALFORMED_REQUEST, null));
                }
            }
        };
    }

    private CompletionStage<SaslStep> authenticate(SaslContext context, byte[] message) throws SaslException {
        String[] fields = fields(message);
        String authzid = fields[0];
        String authcid = fields[1];
        String password = fields[2];
        if (authcid.isEmpty() || password.isEmpty()) {
            throw SaslException.malformed("empty user name or password");
        }
        String localpart = Identities.localpart(authcid);
        String throttleKey = localpart != null ? localpart : authcid;
        if (!authzid.isEmpty() && !Identities.authorizes(authzid, localpart, context.domain())) {
            throw new SaslException(SaslFailure.INVALID_AUTHZID, "authorization identity is not your account");
        }
        var delay = throttle.delay(context.remoteAddress(), throttleKey);
        if (delay.isPresent()) {
            return done(AuthThrottle.refusal(delay.get()));
        }
        CompletionStage<Optional<SaslAccount>> lookup = localpart == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : store.credentials(localpart);
        return lookup.thenCompose(account -> blocking.supply(() -> verify(context, account, throttleKey, password)))
                .exceptionally(e -> {
                    LOG.warnf(e, "PLAIN verification failed for %s", throttleKey);
                    return new SaslStep.Failure(SaslFailure.TEMPORARY_AUTH_FAILURE, "account store unavailable");
                });
    }

    private SaslStep verify(SaslContext context, Optional<SaslAccount> account, String throttleKey, String password) {
        ScramCredential credential = account
                .flatMap(a -> a.credential(ScramHash.SHA_256).or(() -> a.credential(ScramHash.SHA_1)))
                .orElseGet(() -> decoys.decoy(throttleKey));
        boolean matches = credential.matches(password);
        if (!matches || account.isEmpty()) {
            LOG.infof("Failed PLAIN login for '%s' from %s", throttleKey, context.remoteAddress());
            throttle.failed(context.remoteAddress(), throttleKey);
            return new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null);
        }
        if (account.get().disabled()) {
            return new SaslStep.Failure(SaslFailure.ACCOUNT_DISABLED, "this account is disabled");
        }
        throttle.succeeded(context.remoteAddress(), account.get().localpart());
        return new SaslStep.Success(account.get().localpart(), null);
    }

    /** Splits the message at its two NULs (RFC 4616 §2) after checking it is UTF-8. */
    private static String[] fields(byte[] message) throws SaslException {
        String s = Identities.utf8(message);
        if (s == null) {
            throw SaslException.malformed("message is not UTF-8");
        }
        String[] fields = s.split("\0", -1);
        if (fields.length != 3) {
            throw SaslException.malformed("expected authzid, authcid and password separated by NUL");
        }
        for (String f : fields) {
            if (f.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD) {
                throw SaslException.malformed("field longer than " + MAX_FIELD + " octets");
            }
        }
        return fields;
    }

    private static CompletionStage<SaslStep> done(SaslStep step) {
        return CompletableFuture.completedFuture(step);
    }
}
