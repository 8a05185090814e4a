package im.kith.xmpp.sasl.fast;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletionStage;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import im.kith.xmpp.account.PasswordChanged;
import im.kith.xmpp.sasl.AuthConfig;
import im.kith.xmpp.sasl.ScramHash;
import im.kith.xmpp.support.Blocking;
import io.quarkus.scheduler.Scheduled;

/**
 * Issues, checks, rotates and revokes FAST tokens (XEP-0484). Only a token's SHA-256 digest is stored:
 * tokens are longer than the 64-octet HMAC-SHA-256 block, so HMAC(token, m) equals HMAC(SHA-256(token), m)
 * (RFC 2104 §2), and the HT proofs are checked with the digest.
 */
@ApplicationScoped
public class FastTokens {
    /** XEP-0484 §2. */
    public static final String NS = "urn:xmpp:fast:0";
    private static final Logger LOG = Logger.getLogger(FastTokens.class);
    /** 54 random octets: 432 bits, 72 base64url characters, more than one HMAC block. */
    private static final int TOKEN_BYTES = 54;
    private static final int MAX_NAME = 128;

    private final FastTokenStore store;
    private final Blocking blocking;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    FastTokens(FastTokenStore store, Blocking blocking, Clock clock, AuthConfig config) {
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
        this.lifetime = config.sasl2().fastTokenLifetime();
    }

    /**
     * A new token for this client in the 'new' slot (§4.2); one handed out before and never used is replaced
     * (§4.4). {@code software} and {@code device} are the client's own description, kept for the owner.
     */
    public CompletionStage<FastToken> issue(String localpart, String clientId, String mechanism, String software,
            String device) {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiry = now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
        return blocking.supply(() -> {
            store.putNew(localpart, clientId, mechanism, digest(token), expiry, now, clip(software), clip(device));
            return new FastToken(token, mechanism, expiry);
        });
    }

    /**
     * Checks an HT initiator message (draft-schmaus-kitten-sasl-ht §4.1) against this client's tokens, the
     * newer first (§6.1). A matching 'new' token becomes the current one, which retires the older (§4.4).
     *
     * @return the used token's digest and expiry, or empty when no valid token for this mechanism matches
     */
    CompletionStage<Optional<StoredToken>> verify(String localpart, String clientId, String mechanism,
            byte[] proof, byte[] channelBinding) {
        return blocking.supply(() -> {
            Instant now = clock.instant();
            Optional<StoredToken> match = store.tokens(localpart, clientId).stream()
                    .sorted(Comparator.comparing(t -> t.slot() == StoredToken.Slot.NEW ? 0 : 1))
                    .filter(t -> t.expiresAt().isAfter(now))
                    // §4.3: a token works only with the mechanism it was issued for.
                    .filter(t -> t.mechanism().equals(mechanism))
                    // §6.1: compared in constant time.
                    .filter(t -> MessageDigest.isEqual(hmac(t.hash(), "Initiator", channelBinding), proof))
                    .findFirst();
            if (match.isPresent() && match.get().slot() == StoredToken.Slot.NEW) {
                store.promote(localpart, clientId);
            }
            return match;
        });
    }

    /** Whether a token used now should be replaced in the same login (§4.4): past half its lifetime. */
    public boolean dueForRotation(Instant expiry) {
        return Duration.between(clock.instant(), expiry).compareTo(lifetime.dividedBy(2)) < 0;
    }

    /** Revokes this client's tokens (§4.5, a client logging out). */
    public CompletionStage<Void> invalidate(String localpart, String clientId) {
        return blocking.run(() -> store.delete(localpart, clientId));
    }

    /** A new password logs every device out of FAST: they must show the new password once. */
    void passwordChanged(@Observes PasswordChanged event) {
        blocking.run(() -> store.delete(event.localpart(), null)).exceptionally(e -> {
            LOG.warnf(e, "could not revoke the FAST tokens of %s", event.localpart());
            return null;
        });
    }

    @Scheduled(every = "PT6H", delayed = "PT5M", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeExpired() throws SQLException {
        store.deleteExpired(clock.instant());
    }

    /** The HT responder message (draft-schmaus-kitten-sasl-ht §4.3), keyed by the token's digest. */
    static byte[] responder(StoredToken token, byte[] channelBinding) {
        return hmac(token.hash(), "Responder", channelBinding);
    }

    static byte[] hmac(byte[] key, String label, byte[] channelBinding) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] message = Arrays.copyOf(l, l.length + channelBinding.length);
        System.arraycopy(channelBinding, 0, message, l.length, channelBinding.length);
        return ScramHash.SHA_256.hmac(key, message);
    }

    static byte[] digest(String token) {
        return ScramHash.SHA_256.digest(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }
}
