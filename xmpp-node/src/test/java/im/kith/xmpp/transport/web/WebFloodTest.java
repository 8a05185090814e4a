package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.config.NodeConfig;

/**
 * WebSocket and BOSH clients are held to the same inbound rate as TCP clients (RFC 6120 §13.12): a
 * client that floods is slowed to the configured rate once past the burst, while another client of the
 * same transport is answered at once meanwhile.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFloodTest {
    private static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    private static final String PING = "<iq xmlns='jabber:client' type='get' id='%s' to='localhost'>"
            + "<ping xmlns='urn:xmpp:ping'/></iq>";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    Vertx vertx;

    @Inject
    AccountService accounts;

    @Inject
    NodeConfig config;

    @Inject
    WebConfig web;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"wsflooder", "wsbystander", "boshflooder", "boshbystander"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, password(user), Role.USER);
            }
        }
    }

    private static String password(String user) {
        return user + "-pass-phrase";
    }

    /** Three seconds' worth of traffic beyond the burst. */
    private long excess() {
        return config.c2s().rateBytes() * 3;
    }

    /** The least time the excess takes at the configured rate, less some slack for timer granularity. */
    private Duration leastTimeForExcess() {
        return Duration.ofMillis(excess() * 1000L / config.c2s().rateBytes() - 300);
    }

    @Test
    void aFloodingWebSocketClientIsSlowedToTheRateWhileAnotherIsAnsweredAtOnce() throws Exception {
        // IQ results to the server are dropped unanswered (RFC 6120 §8.2.3), so only the rate stops them.
        int chunk = 64 * 1024;
        String filler = "<iq xmlns='jabber:client' type='result' id='flood' to='localhost'>"
                + "<padding xmlns='urn:example:padding'>" + "A".repeat(chunk) + "</padding></iq>";
        long total = config.c2s().burstBytes() + excess();
        try (WebSocketPeer flooder = WebSocketPeer.connect(vertx, https.getPort());
                WebSocketPeer bystander = WebSocketPeer.connect(vertx, https.getPort())) {
            flooder.login("wsflooder", password("wsflooder"), "f");
            bystander.login("wsbystander", password("wsbystander"), "b");
            long start = System.nanoTime();
            for (long sent = 0; sent < total; sent += filler.length()) {
                flooder.send(filler);
            }
            flooder.send(PING.formatted("after-flood"));

            Thread.sleep(500);
            long probe = System.nanoTime();
            bystander.send(PING.formatted("bystander"));
            assertThat(bystander.nextContaining("bystander")).contains("result");
            assertThat(Duration.ofNanos(System.nanoTime() - probe)).as("the bystander's ping")
                    .isLessThan(Duration.ofSeconds(2));

            String answer = flooder.nextContaining("after-flood", Duration.ofSeconds(60));
            assertThat(answer).contains("result");
            // The ping came behind the flood: it could not be read before the excess was paid for.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the flooder's ping")
                    .isGreaterThanOrEqualTo(leastTimeForExcess());
        }
    }

    @Test
    void aFloodingBoshClientIsSlowedToTheRateWhileAnotherIsAnsweredAtOnce() throws Exception {
        BoshPeer flooder = login("boshflooder");
        BoshPeer bystander = login("boshbystander");
        // Whitespace between a body's elements is legal, so only the rate stops it.
        int chunk = Math.min(256 * 1024, web.bosh().maxBodyBytes() - 1024);
        String filler = " ".repeat(chunk);
        long total = config.c2s().burstBytes() + excess();
        BlockingQueue<String> responses = new LinkedBlockingQueue<>();
        // §7.1: requests='2', so the flooder keeps two requests open, as a BOSH client does.
        Semaphore window = new Semaphore(2);
        long start = System.nanoTime();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                for (long sent = 0; sent < total; sent += chunk) {
                    window.acquire();
                    flooder.postAsync(flooder.request("", filler)).whenComplete((r, e) -> {
                        responses.add(r == null ? "failed: " + e : r.body());
                        window.release();
                    });
                }
                window.acquire();
                flooder.postAsync(flooder.request("", PING.formatted("after-flood")))
                        .whenComplete((r, e) -> responses.add(r == null ? "failed: " + e : r.body()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Thread.sleep(1000);
        long probe = System.nanoTime();
        HttpResponse<String> pong = bystander.postAsync(bystander.request("", PING.formatted("bystander")))
                .get(10, TimeUnit.SECONDS);
        assertThat(pong.body()).contains("id=\"bystander\"").contains("type=\"result\"");
        assertThat(Duration.ofNanos(System.nanoTime() - probe)).as("the bystander's ping")
                .isLessThan(Duration.ofSeconds(2));

        String answer = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answer == null && System.nanoTime() < deadline) {
            String r = responses.poll(1, TimeUnit.SECONDS);
            if (r == null) {
                continue;
            }
            assertThat(r).as("a flooder's response").doesNotStartWith("failed").doesNotContain("type='terminate'");
            if (r.contains("after-flood")) {
                answer = r;
            }
        }
        writer.join(Duration.ofSeconds(10));
        assertThat(answer).as("the flooder's ping answered").isNotNull().contains("type=\"result\"");
        // The ping came behind the flood: it could not be processed before the excess was paid for.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the flooder's ping")
                .isGreaterThanOrEqualTo(leastTimeForExcess());
        assertThat(flooder.post(flooder.request(" type='terminate'", "")).body()).contains("type='terminate'");
        assertThat(bystander.post(bystander.request(" type='terminate'", "")).body()).contains("type='terminate'");
    }

    /** A BOSH session, authenticated with PLAIN and bound (XEP-0206). */
    private BoshPeer login(String user) throws Exception {
        BoshPeer peer = new BoshPeer(https.getPort());
        peer.create(10);
        String auth = "<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + Base64.getEncoder().encodeToString(
                ("\0" + user + "\0" + password(user)).getBytes(StandardCharsets.UTF_8)) + "</auth>";
        assertThat(peer.send(auth)).contains("<success");
        assertThat(peer.restart()).contains("urn:ietf:params:xml:ns:xmpp-bind");
        assertThat(peer.send("<iq xmlns='jabber:client' type='set' id='b1'><bind xmlns="
                + "'urn:ietf:params:xml:ns:xmpp-bind'><resource>web</resource></bind></iq>"))
                .contains("<jid>" + user + "@localhost/web</jid>");
        return peer;
    }
}
