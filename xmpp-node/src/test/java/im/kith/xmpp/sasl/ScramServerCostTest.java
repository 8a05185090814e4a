package im.kith.xmpp.sasl;

import static im.kith.xmpp.sasl.SaslFixtures.plainContext;
import static im.kith.xmpp.sasl.SaslFixtures.step;
import static im.kith.xmpp.sasl.SaslFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * What a login costs the server. A SCRAM login needs no PBKDF2 on the server (the client runs Hi), so
 * the 1,500 logins/s per core target holds whatever the iteration count; PLAIN and setting a password
 * run Hi once per hash.
 */
class ScramServerCostTest {

    @Test
    void oneCoreServesWellOverFifteenHundredScramLoginsPerSecond() {
        AtomicLong counter = new AtomicLong();
        SaslFixtures f = new SaslFixtures("x", SaslFixtures.config(0, 0, java.time.Duration.ofMinutes(1), 10));
        f.addAccount("user", "pencil", false);
        SaslFixtures g = new SaslFixtures("x");
        SaslMechanisms mechanisms = new SaslMechanisms(f.store(), g.throttle, 4096, new im.kith.xmpp.support.Blocking(),
                () -> Long.toString(counter.incrementAndGet()));
        ScramClient client = new ScramClient(ScramHash.SHA_256, "user", "pencil", "clientnonce", "n,,", new byte[0]);
        SaslMechanism mechanism = mechanisms.find("SCRAM-SHA-256", plainContext()).orElseThrow();
        login(mechanism, client); // warms the client's cached SaltedPassword

        int logins = 0;
        long start = System.nanoTime();
        long clientNanos = 0;
        while (System.nanoTime() - start < 2_000_000_000L) {
            SaslExchange exchange = mechanism.start(plainContext());
            String serverFirst = text(((SaslStep.Challenge) step(exchange, client.clientFirst())).data());
            long c0 = System.nanoTime();
            String clientFinal = client.clientFinal(serverFirst);
            clientNanos += System.nanoTime() - c0;
            assertThat(step(exchange, clientFinal)).isInstanceOf(SaslStep.Success.class);
            logins++;
        }
        double serverSeconds = (System.nanoTime() - start - clientNanos) / 1e9;
        double perSecond = logins / serverSeconds;
        System.out.printf("SCRAM-SHA-256 server side: %d logins, %.0f logins/s on one thread%n", logins, perSecond);

        assertThat(perSecond).isGreaterThan(1500);
    }

    @Test
    void pbkdf2CostAtTheDefaultIterationCount() {
        byte[] salt = SaslFixtures.salt(9);
        for (int i = 0; i < 50; i++) {
            ScramCredential.derive(ScramHash.SHA_256, "warm-up", salt, 4096);
        }
        for (ScramHash hash : ScramHash.values()) {
            int runs = 200;
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                ScramCredential.derive(hash, "correct horse battery staple", salt, 4096);
            }
            double ms = (System.nanoTime() - start) / 1e6 / runs;
            System.out.printf("%s Hi at 4096 iterations: %.2f ms (%.0f per second per core)%n",
                    hash.mechanism(), ms, 1000 / ms);
            assertThat(ms).isPositive();
        }
    }

    private static void login(SaslMechanism mechanism, ScramClient client) {
        SaslExchange exchange = mechanism.start(plainContext());
        String serverFirst = text(((SaslStep.Challenge) step(exchange, client.clientFirst())).data());
        assertThat(step(exchange, client.clientFinal(serverFirst))).isInstanceOf(SaslStep.Success.class);
    }
}
