package im.kith.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.TestDnsServer;
import im.kith.testkit.TestDnsServer.Srv;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/**
 * The SRV lookup of outgoing federation (RFC 6120 §3.2, XEP-0368 §3, RFC 2782) against a DNS server
 * the test runs on a loopback UDP port (KITH_S2S_DNS_SERVER), never the machine's resolvers: direct TLS
 * targets come first, then STARTTLS ones, each by ascending priority; a failed candidate is followed by
 * the next; without records the domain itself on 5269 is the candidate; a target of "." means no
 * federation. The peers are plain sockets that record what the node sends them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = SrvLookupTest.Records.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SrvLookupTest {

    /** The test's DNS server and the sockets its records point at. */
    public static class Records implements QuarkusTestResourceLifecycleManager {
        static volatile TestDnsServer dns;
        static volatile ServerSocket starttls;
        static volatile ServerSocket tlsDirect;
        static volatile ServerSocket tlsStarttls;
        static volatile ServerSocket second;
        static volatile ServerSocket third;
        static volatile int closedPort;

        @Override
        public Map<String, String> start() {
            try {
                starttls = listen();
                tlsDirect = listen();
                tlsStarttls = listen();
                second = listen();
                third = listen();
                try (ServerSocket s = listen()) {
                    closedPort = s.getLocalPort();
                }
                dns = TestDnsServer.start()
                        .srv("_xmpp-server._tcp.srv.test", new Srv(0, 0, starttls.getLocalPort(), "localhost."))
                        .srv("_xmpps-server._tcp.tls.test", new Srv(0, 0, tlsDirect.getLocalPort(), "localhost."))
                        .srv("_xmpp-server._tcp.tls.test", new Srv(0, 0, tlsStarttls.getLocalPort(), "localhost."))
                        .srv("_xmpp-server._tcp.prio.test",
                                new Srv(20, 0, second.getLocalPort(), "localhost."),
                                new Srv(10, 0, closedPort, "localhost."),
                                new Srv(30, 0, third.getLocalPort(), "localhost."))
                        .srv("_xmpp-server._tcp.none.test", new Srv(0, 0, 0, "."));
                return Map.of("kith.s2s.dns-server", dns.address(), "kith.s2s.connect-timeout", "PT4S");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static ServerSocket listen() throws IOException {
            return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        }

        @Override
        public void stop() {
            for (ServerSocket s : new ServerSocket[] {starttls, tlsDirect, tlsStarttls, second, third}) {
                try {
                    s.close();
                } catch (IOException | RuntimeException ignored) {
                    // best effort
                }
            }
            dns.close();
        }
    }

    @Inject
    S2sConnector connector;

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    private XMPPTCPConnection romeo;
    private final BlockingQueue<Message> errors = new ArrayBlockingQueue<>(20);

    @BeforeAll
    void connect() throws Exception {
        if (accounts.find("romeo").isEmpty()) {
            accounts.create("romeo", "romeo-secret-pass", Role.USER);
        }
        romeo = XmppClients.login("localhost", listeners.port(), "romeo", "romeo-secret-pass", "balcony");
        romeo.addAsyncStanzaListener(s -> errors.add((Message) s),
                s -> s instanceof Message m && m.getType() == Message.Type.error);
    }

    @AfterAll
    void disconnect() {
        if (romeo != null) {
            romeo.disconnect();
        }
    }

    private List<S2sConnector.Candidate> candidates(String domain) throws Exception {
        S2sConnector c = ClientProxy.unwrap(connector);
        return c.resolve(domain).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void send(String to, String id) throws Exception {
        romeo.sendStanza(StanzaBuilder.buildMessage(id).to(JidCreate.from(to)).ofType(Message.Type.chat)
                .setBody("are you there?").build());
    }

    /** The error bounce of the message with this id, skipping those of other tests' messages. */
    private Message bounce(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            Message m = errors.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(m).as("bounce of " + id).isNotNull();
            if (id.equals(m.getStanzaId())) {
                return m;
            }
        }
    }

    /** What the node sends on the next connection to the socket, until {@code enough} bytes or it stops. */
    private static byte[] firstBytes(ServerSocket server, int enough) throws IOException {
        server.setSoTimeout(15_000);
        try (Socket s = server.accept()) {
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            int n = 0;
            try {
                while (n < enough) {
                    int r = in.read(buf, n, buf.length - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (SocketTimeoutException e) {
                // what has arrived is all there is
            }
            return java.util.Arrays.copyOf(buf, n);
        }
    }

    @Test
    void directTlsTargetsComeBeforeStartTlsTargetsAndBothServiceNamesAreAsked() throws Exception {
        assertThat(candidates("tls.test")).containsExactly(
                new S2sConnector.Candidate("localhost", Records.tlsDirect.getLocalPort(), true),
                new S2sConnector.Candidate("localhost", Records.tlsStarttls.getLocalPort(), false));
        assertThat(Records.dns.askedSrv()).contains("_xmpps-server._tcp.tls.test", "_xmpp-server._tcp.tls.test");
    }

    @Test
    void candidatesAreOrderedByAscendingPriority() throws Exception {
        assertThat(candidates("prio.test")).extracting(S2sConnector.Candidate::port)
                .containsExactly(Records.closedPort, Records.second.getLocalPort(), Records.third.getLocalPort());
    }

    @Test
    void withoutSrvRecordsTheDomainItselfOnPort5269IsTheCandidate() throws Exception {
        assertThat(candidates("nosrv.test")).containsExactly(new S2sConnector.Candidate("nosrv.test", 5269, false));
        assertThat(Records.dns.askedSrv()).contains("_xmpps-server._tcp.nosrv.test", "_xmpp-server._tcp.nosrv.test");
    }

    @Test
    void aTargetOfDotMeansTheDomainOffersNoFederationAndStanzasBounce() throws Exception {
        assertThatThrownBy(() -> candidates("none.test")).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("does not offer federation");
        send("a@none.test", "none-1");
        Message bounce = bounce("none-1");
        assertThat(bounce.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
    }

    @Test
    void aStanzaForADomainWithAnSrvRecordOpensAStreamToTheTargetAndPortNamedThere() throws Exception {
        send("juliet@srv.test", "srv-1");
        String header = new String(firstBytes(Records.starttls, 200), StandardCharsets.UTF_8);
        assertThat(header).contains("<stream:stream").contains("to='srv.test'").contains("from='localhost'");
    }

    @Test
    void anXmppsServerTargetGetsTlsFromTheFirstByteWithAlpnXmppServer() throws Exception {
        send("juliet@tls.test", "tls-1");
        byte[] hello = firstBytes(Records.tlsDirect, 300);
        assertThat(hello).as("bytes from the node").isNotEmpty();
        assertThat(hello[0]).as("a TLS handshake record (RFC 8446 §5.1), not XML").isEqualTo((byte) 0x16);
        assertThat(new String(hello, StandardCharsets.ISO_8859_1)).as("ALPN in the ClientHello (XEP-0368 §3)")
                .contains("xmpp-server");
    }

    @Test
    void aCandidateThatRefusesIsFollowedByTheNextInPriorityOrder() throws Exception {
        send("juliet@prio.test", "prio-1");
        String header = new String(firstBytes(Records.second, 200), StandardCharsets.UTF_8);
        assertThat(header).contains("to='prio.test'");
        // The priority-30 target is never needed.
        Records.third.setSoTimeout(500);
        List<Socket> unexpected = new ArrayList<>();
        try {
            unexpected.add(Records.third.accept());
        } catch (SocketTimeoutException expected) {
            // nothing connected
        } finally {
            for (Socket s : unexpected) {
                s.close();
            }
        }
        assertThat(unexpected).as("connections to the last candidate").isEmpty();
    }
}
