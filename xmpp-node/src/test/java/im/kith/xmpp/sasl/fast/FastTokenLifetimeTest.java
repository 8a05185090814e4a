package im.kith.xmpp.sasl.fast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.sasl.AuthConfig;
import im.kith.xmpp.support.Blocking;

/**
 * FAST tokens over their lifetime (XEP-0484 §4.4, §6.1), with the clock moved instead of waited for:
 * tokens in PostgreSQL, checked with the HT proof a client computes.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class FastTokenLifetimeTest {
    private static final String MECHANISM = "HT-SHA-256-NONE";
    private static final byte[] NO_BINDING = new byte[0];

    @Inject
    FastTokenStore store;

    @Inject
    Blocking blocking;

    @Inject
    AuthConfig config;

    @Inject
    AccountService accounts;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private FastTokens tokens;
    private Duration lifetime;
    private String user;

    @BeforeEach
    void setUp() {
        tokens = new FastTokens(store, blocking, clock, config);
        lifetime = config.sasl2().fastTokenLifetime();
        user = "fast-" + System.nanoTime();
        accounts.create(user, "fast-lifetime-pass", Role.USER);
    }

    @Test
    void aTokenIsDueForRotationOnlyOncePastHalfItsLifetime() throws Exception {
        FastToken token = issue("phone");

        clock.advance(lifetime.multipliedBy(2).dividedBy(5));
        assertThat(verify("phone", token)).isPresent();
        assertThat(tokens.dueForRotation(token.expiry())).isFalse();

        clock.advance(lifetime.dividedBy(5));
        assertThat(verify("phone", token)).isPresent();
        assertThat(tokens.dueForRotation(token.expiry())).isTrue();
    }

    @Test
    void aRotatedTokenKeepsWorkingUntilItsSuccessorIsUsedAndThenNoMore() throws Exception {
        FastToken first = issue("laptop");
        assertThat(verify("laptop", first)).isPresent(); // used: now the current token

        clock.advance(lifetime.multipliedBy(3).dividedBy(5));
        FastToken second = issue("laptop"); // the login that found the first one due
        // The client may not have stored the new one yet: the current token still works (§6.1).
        assertThat(verify("laptop", first)).isPresent();

        assertThat(verify("laptop", second)).isPresent();
        assertThat(verify("laptop", first)).as("retired once its successor was used").isEmpty();
        assertThat(verify("laptop", second)).isPresent();
    }

    @Test
    void anExpiredTokenFailsAndThePurgeRemovesIt() throws Exception {
        FastToken token = issue("tablet");
        assertThat(verify("tablet", token)).isPresent();

        clock.advance(lifetime.plusSeconds(1));
        assertThat(verify("tablet", token)).isEmpty();
        assertThat(store.tokens(user, "tablet")).isNotEmpty();

        tokens.purgeExpired();
        assertThat(store.tokens(user, "tablet")).isEmpty();
    }

    private FastToken issue(String client) throws Exception {
        return tokens.issue(user, client, MECHANISM, "Kith test", "bench").toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** What the node finds for the proof a client holding {@code token} sends (draft-schmaus-kitten-sasl-ht §4.1). */
    private Optional<StoredToken> verify(String client, FastToken token) throws Exception {
        byte[] proof = FastTokens.hmac(FastTokens.digest(token.token()), "Initiator", NO_BINDING);
        return tokens.verify(user, client, MECHANISM, proof, NO_BINDING).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
