package im.kith.xmpp.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * SASL2 (XEP-0388) over real sockets, with Bind 2 (XEP-0386), inline stream management resumption
 * (XEP-0198) and FAST token logins (XEP-0484), written out as the XEPs' examples show them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Sasl2LoginTest {
    private static final String DOMAIN = "localhost";
    private static final String SASL2 = "urn:xmpp:sasl:2";
    private static final Duration STEP = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    javax.sql.DataSource dataSource;

    private long offlineCount(String owner) throws Exception {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM offline_messages WHERE owner = ?")) {
            ps.setString(1, owner);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"ada", "brian", "cleo", "dora", "emil", "fern", "gail"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, password(user), Role.USER);
            }
        }
    }

    private static String password(String user) {
        return user + "-long-pass-phrase";
    }

    /** A STARTTLS stream up to the post-TLS features, which stay in the buffer. */
    private RawXmppSocket secured(String from) throws Exception {
        RawXmppSocket s = RawXmppSocket.connect(listeners.port());
        s.send(RawXmppSocket.header(DOMAIN)).readUntil("</stream:features>", STEP);
        s.startTls();
        String header = from == null ? RawXmppSocket.header(DOMAIN)
                : RawXmppSocket.header(DOMAIN).replace("<stream:stream ", "<stream:stream from='" + from + "' ");
        s.send(header).readUntil("</stream:features>", STEP);
        return s;
    }

    /** Sends an element and waits for the SASL2 outcome: success and features, a failure, or a challenge. */
    private static String await(RawXmppSocket s, String xml) throws Exception {
        s.clear();
        s.send(xml);
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            String t = s.readUntil("</stream:features>", Duration.ofMillis(100));
            if (t.contains("</stream:features>") || t.contains("</failure>") || t.contains("</challenge>")
                    || s.closedByPeer()) {
                return t;
            }
        }
        return s.text();
    }

    private static String plain(String user) {
        return b64(("\0" + user + "\0" + password(user)).getBytes(StandardCharsets.UTF_8));
    }

    private static String authenticate(String mechanism, String initial, String extra) {
        return "<authenticate xmlns='" + SASL2 + "' mechanism='" + mechanism + "'><initial-response>" + initial
                + "</initial-response>" + extra + "</authenticate>";
    }

    private static String userAgent(String id) {
        return "<user-agent id='" + id + "'><software>Kith test client</software><device>Test bench</device></user-agent>";
    }

    private static String attribute(String xml, String element, String attribute) {
        Matcher m = Pattern.compile("<" + element + "\\b[^>]*\\s" + attribute + "=['\"]([^'\"]+)['\"]").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static String text(String xml, String element) {
        Matcher m = Pattern.compile("<" + element + "\\b[^>]*>([^<]*)</" + element + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theAuthenticationFeatureOffersMechanismsBindTwoItsInlineFeaturesResumptionAndFast() throws Exception {
        try (RawXmppSocket s = secured(null)) {
            String features = s.text();
            String auth = features.substring(features.indexOf("<authentication"), features.indexOf("</authentication>"));
            assertThat(auth).contains(SASL2).contains("<mechanism>SCRAM-SHA-256</mechanism>")
                    .contains("<mechanism>SCRAM-SHA-256-PLUS</mechanism>").contains("<mechanism>PLAIN</mechanism>")
                    .contains("urn:xmpp:bind:0")
                    .contains("var=\"urn:xmpp:carbons:2\"").contains("var=\"urn:xmpp:csi:0\"")
                    .contains("var=\"urn:xmpp:sm:3\"")
                    .containsPattern("<sm xmlns=\"urn:xmpp:sm:3\"\\s*/>")
                    .contains("urn:xmpp:fast:0").contains("<mechanism>HT-SHA-256-NONE</mechanism>")
                    .contains("<mechanism>HT-SHA-256-ENDP</mechanism>")
                    .doesNotContain("tls-0rtt");
            // RFC 6120 SASL is still there for clients without SASL2.
            assertThat(features).contains("<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"");
        }
    }

    @Test
    void plainWithoutBindSucceedsWithTheBareJidAndLegacyBindingFollowsWithoutARestart() throws Exception {
        try (RawXmppSocket s = secured(null)) {
            String success = await(s, authenticate("PLAIN", plain("ada"), ""));
            assertThat(text(success, "authorization-identifier")).isEqualTo("ada@localhost");
            assertThat(success).doesNotContain("<bound");
            // §2.6.1: the features of the authenticated stream follow at once, without a new header.
            assertThat(success.substring(success.indexOf("</success>"))).contains("<stream:features>")
                    .contains("urn:ietf:params:xml:ns:xmpp-bind");
            s.clear();
            s.bind("desk");
            String pong = s.exchange("<iq type='get' id='p1' to='localhost'><ping xmlns='urn:xmpp:ping'/></iq>", "</iq>");
            assertThat(pong).contains("type=\"result\"");
        }
    }

    @Test
    void scramSha256SucceedsWithTheServerSignatureAsAdditionalData() throws Exception {
        try (RawXmppSocket s = secured("brian@localhost")) {
            ScramClient client = new ScramClient(ScramHash.SHA_256, "brian", password("brian"), "rOprNGfwEbeRWgbNEkqO", "n,,",
                    new byte[0]);
            String challenge = await(s, authenticate("SCRAM-SHA-256",
                    b64(client.clientFirst().getBytes(StandardCharsets.UTF_8)), userAgent(UUID.randomUUID().toString())));
            String serverFirst = new String(Base64.getMimeDecoder().decode(text(challenge, "challenge")), StandardCharsets.UTF_8);
            String success = await(s, "<response xmlns='" + SASL2 + "'>"
                    + b64(client.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8)) + "</response>");
            assertThat(new String(Base64.getMimeDecoder().decode(text(success, "additional-data")), StandardCharsets.UTF_8))
                    .isEqualTo(client.expectedServerFinal());
            assertThat(text(success, "authorization-identifier")).isEqualTo("brian@localhost");
        }
    }

    @Test
    void aWrongPasswordFailsWithoutBindingAndTheStreamMayTryAgain() throws Exception {
        try (RawXmppSocket s = secured(null)) {
            String bad = b64("\0ada\0not-the-password".getBytes(StandardCharsets.UTF_8));
            String failure = await(s, authenticate("PLAIN", bad, "<bind xmlns='urn:xmpp:bind:0'><tag>Kith</tag></bind>"));
            assertThat(failure).contains("<failure xmlns='" + SASL2 + "'>")
                    .contains("<not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
                    .doesNotContain("<bound");
            String success = await(s, authenticate("PLAIN", plain("ada"), ""));
            assertThat(text(success, "authorization-identifier")).isEqualTo("ada@localhost");
        }
    }

    @Test
    void anUnknownMechanismFailsAndTheStreamStaysOpen() throws Exception {
        try (RawXmppSocket s = secured(null)) {
            String failure = await(s, authenticate("BLURDYBLOOP", b64(new byte[] {1}), ""));
            assertThat(failure).contains("<invalid-mechanism xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
            assertThat(s.closedByPeer()).isFalse();
        }
    }

    @Test
    void aStreamFromAnotherAccountFailsTheAuthentication() throws Exception {
        try (RawXmppSocket s = secured("brian@localhost")) {
            String failure = await(s, authenticate("PLAIN", plain("ada"), ""));
            assertThat(failure).contains("<invalid-authzid xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        }
    }

    @Test
    void anythingButAResponseDuringTheExchangeClosesTheStream() throws Exception {
        try (RawXmppSocket s = secured(null)) {
            ScramClient client = new ScramClient(ScramHash.SHA_256, "ada", password("ada"), "abcdefghijklmnop", "n,,",
                    new byte[0]);
            String challenge = await(s, authenticate("SCRAM-SHA-256",
                    b64(client.clientFirst().getBytes(StandardCharsets.UTF_8)), ""));
            assertThat(challenge).contains("<challenge xmlns='" + SASL2 + "'>");
            s.clear();
            s.send("<message to='brian@localhost'><body>sneaking in</body></message>");
            assertThat(s.awaitClose(STEP)).isTrue();
            assertThat(s.text()).contains("<not-authorized");
        }
    }

    @Test
    void bindTwoBindsATaggedResourceEnablesInlineFeaturesAndReportsTheArchive() throws Exception {
        try (RawXmppSocket s = secured(null)) {
            String success = await(s, authenticate("PLAIN", plain("cleo"), userAgent(UUID.randomUUID().toString())
                    + "<bind xmlns='urn:xmpp:bind:0'><tag>KithTest</tag>"
                    + "<enable xmlns='urn:xmpp:carbons:2'/><enable xmlns='urn:xmpp:sm:3' resume='true'/>"
                    + "<inactive xmlns='urn:xmpp:csi:0'/></bind>"));
            String jid = text(success, "authorization-identifier");
            assertThat(jid).startsWith("cleo@localhost/KithTest/");
            assertThat(success).contains("<bound xmlns=\"urn:xmpp:bind:0\">")
                    .contains("<metadata xmlns=\"urn:xmpp:mam:2\"")
                    .containsPattern("<enabled xmlns=\"urn:xmpp:sm:3\"[^>]* resume=\"true\"");
            String afterSuccess = success.substring(success.indexOf("</success>"));
            assertThat(afterSuccess).contains("<stream:features>").doesNotContain("urn:ietf:params:xml:ns:xmpp-bind");

            // Carbons are on: a message to another resource of cleo is copied to this session.
            try (RawXmppSocket other = RawXmppSocket.login(listeners.port(), DOMAIN, "cleo", password("cleo"), "phone");
                    RawXmppSocket ada = RawXmppSocket.login(listeners.port(), DOMAIN, "ada", password("ada"), "desk")) {
                s.clear();
                ada.send("<message to='cleo@localhost/phone' type='chat' id='c1'><body>copied to every device</body></message>");
                String carbon = s.readUntil("copied to every device", STEP);
                assertThat(carbon).contains("<received xmlns=\"urn:xmpp:carbons:2\"").contains("copied to every device");
            }
        }
    }

    @Test
    void bindTwoDropsOfflineCopiesOfArchivedMessagesWhichTheArchiveStillHolds() throws Exception {
        try (RawXmppSocket ada = RawXmppSocket.login(listeners.port(), DOMAIN, "ada", password("ada"), "offline-sender")) {
            ada.send("<message to='gail@localhost' type='chat' id='o1'><body>sent while gail was away</body></message>");
            long deadline = System.nanoTime() + STEP.toNanos();
            while (offlineCount("gail") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(offlineCount("gail")).isEqualTo(1);
        try (RawXmppSocket s = secured(null)) {
            String success = await(s, authenticate("PLAIN", plain("gail"),
                    userAgent(UUID.randomUUID().toString()) + "<bind xmlns='urn:xmpp:bind:0'><tag>Web</tag></bind>"));
            // The archive has it, so the client fetches it from there (its newest id is in <bound/>) ...
            assertThat(success).containsPattern("<metadata xmlns=\"urn:xmpp:mam:2\"><start [^>]*/><end ");
            assertThat(offlineCount("gail")).isZero();
            s.clear();
            s.send("<presence/>");
            // ... and it is not delivered a second time as an offline message.
            assertThat(s.readUntil("sent while gail was away", Duration.ofSeconds(2))).doesNotContain("sent while gail was away");
        }
    }

    @Test
    void theSameClientAndTagGetTheSameResourceAndReplaceTheirStaleSession() throws Exception {
        String ua = userAgent(UUID.randomUUID().toString());
        String bind = "<bind xmlns='urn:xmpp:bind:0'><tag>Phone</tag></bind>";
        String jid1;
        try (RawXmppSocket first = secured(null); RawXmppSocket second = secured(null)) {
            jid1 = text(await(first, authenticate("PLAIN", plain("dora"), ua + bind)), "authorization-identifier");
            String jid2 = text(await(second, authenticate("PLAIN", plain("dora"), ua + bind)), "authorization-identifier");
            assertThat(jid1).startsWith("dora@localhost/Phone/").isEqualTo(jid2);
            assertThat(first.awaitClose(STEP)).isTrue();
            assertThat(first.text()).contains("<conflict");
        }
        try (RawXmppSocket other = secured(null)) {
            String jid3 = text(await(other, authenticate("PLAIN", plain("dora"),
                    userAgent(UUID.randomUUID().toString()) + bind)), "authorization-identifier");
            // Another installation with the same tag is another resource.
            assertThat(jid3).startsWith("dora@localhost/Phone/").isNotEqualTo(jid1);
        }
    }

    @Test
    void aLostStreamIsResumedInsideAuthenticateAndGetsWhatWasSentMeanwhile() throws Exception {
        RawXmppSocket first = secured(null);
        String success = await(first, authenticate("PLAIN", plain("emil"), userAgent(UUID.randomUUID().toString())
                + "<bind xmlns='urn:xmpp:bind:0'><tag>Laptop</tag><enable xmlns='urn:xmpp:sm:3' resume='true'/></bind>"));
        String jid = text(success, "authorization-identifier");
        String previd = attribute(success, "enabled", "id");
        assertThat(previd).isNotNull();
        first.send("<presence/>");
        first.drop();

        try (RawXmppSocket ada = RawXmppSocket.login(listeners.port(), DOMAIN, "ada", password("ada"), "resumer")) {
            ada.send("<message to='" + jid + "' type='chat' id='r1'><body>kept for the resumed stream</body></message>");
            try (RawXmppSocket second = secured(null)) {
                String resumed = await(second, authenticate("PLAIN", plain("emil"),
                        "<resume xmlns='urn:xmpp:sm:3' previd='" + previd + "' h='0'/>"
                                + "<bind xmlns='urn:xmpp:bind:0'><tag>Laptop</tag></bind>"));
                assertThat(resumed).containsPattern("<resumed xmlns=\"urn:xmpp:sm:3\"[^>]*previd=\"" + Pattern.quote(previd));
                assertThat(text(resumed, "authorization-identifier")).isEqualTo(jid);
                // XEP-0386 §2.2: a successful resumption skips binding.
                assertThat(resumed).doesNotContain("<bound");
                assertThat(second.readUntil("kept for the resumed stream", STEP)).contains("kept for the resumed stream");
            }
        }
    }

    @Test
    void anUnknownResumptionIsReportedInSuccessAndBindingProceeds() throws Exception {
        try (RawXmppSocket s = secured(null)) {
            String success = await(s, authenticate("PLAIN", plain("emil"),
                    "<resume xmlns='urn:xmpp:sm:3' previd='no-such-session' h='3'/>"
                            + "<bind xmlns='urn:xmpp:bind:0'><tag>Tablet</tag></bind>"));
            assertThat(success).containsPattern("<failed xmlns=\"urn:xmpp:sm:3\"[^>]*>.*item-not-found");
            assertThat(success).contains("<bound xmlns=\"urn:xmpp:bind:0\">");
            assertThat(text(success, "authorization-identifier")).startsWith("emil@localhost/Tablet/");
        }
    }

    // ---- FAST (XEP-0484) ----

    private record Issued(String token, String expiry) {
    }

    private Issued requestToken(String user, String clientId, String mechanism) throws Exception {
        try (RawXmppSocket s = secured(user + "@localhost")) {
            String success = await(s, authenticate("PLAIN", plain(user), userAgent(clientId)
                    + "<request-token xmlns='urn:xmpp:fast:0' mechanism='" + mechanism + "'/>"));
            String token = attribute(success, "token", "token");
            assertThat(token).as(success).isNotNull();
            return new Issued(token, attribute(success, "token", "expiry"));
        }
    }

    private String fastLogin(String user, String clientId, String mechanism, String token, String fastAttributes)
            throws Exception {
        try (RawXmppSocket s = secured(user + "@localhost")) {
            byte[] cb = mechanism.endsWith("-ENDP") ? serverEndPoint(s) : new byte[0];
            byte[] proof = hmac(token, "Initiator", cb);
            byte[] initial = concat((user + "\0").getBytes(StandardCharsets.UTF_8), proof);
            String outcome = await(s, authenticate(mechanism, b64(initial), userAgent(clientId)
                    + "<fast xmlns='urn:xmpp:fast:0'" + fastAttributes + "/>"));
            if (outcome.contains("<success")) {
                // draft-schmaus-kitten-sasl-ht §4.3: the server proves it knows the token too.
                assertThat(Base64.getMimeDecoder().decode(text(outcome, "additional-data")))
                        .isEqualTo(hmac(token, "Responder", cb));
            }
            return outcome;
        }
    }

    @Test
    void aTokenRequestedWithAPasswordLoginLogsInAgainInOneRoundTrip() throws Exception {
        String client = UUID.randomUUID().toString();
        Issued issued = requestToken("fern", client, "HT-SHA-256-NONE");
        assertThat(java.time.Instant.parse(issued.expiry())).isAfter(java.time.Instant.now().plus(Duration.ofDays(20)));
        String outcome = fastLogin("fern", client, "HT-SHA-256-NONE", issued.token(), "");
        assertThat(text(outcome, "authorization-identifier")).isEqualTo("fern@localhost");
        // A fresh token is not due for rotation, so none comes back.
        assertThat(outcome).doesNotContain("<token");
        // It keeps working until it expires or is revoked.
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", issued.token(), "")).contains("<success");
    }

    @Test
    void aChannelBoundTokenWorksWithItsBindingAndNotWithAnotherMechanism() throws Exception {
        String client = UUID.randomUUID().toString();
        Issued issued = requestToken("fern", client, "HT-SHA-256-ENDP");
        assertThat(fastLogin("fern", client, "HT-SHA-256-ENDP", issued.token(), "")).contains("<success");
        // XEP-0484 §4.3: a token is bound to its mechanism, so no downgrade to the unbound one.
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", issued.token(), ""))
                .contains("<credentials-expired xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
    }

    @Test
    void aWrongTokenAnotherClientsTokenAndAnUnknownAccountAllFailAlike() throws Exception {
        String client = UUID.randomUUID().toString();
        Issued issued = requestToken("fern", client, "HT-SHA-256-NONE");
        String expired = "<credentials-expired xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", issued.token() + "x", "")).contains(expired);
        assertThat(fastLogin("fern", UUID.randomUUID().toString(), "HT-SHA-256-NONE", issued.token(), ""))
                .contains(expired);
        assertThat(fastLogin("nobody", client, "HT-SHA-256-NONE", issued.token(), "")).contains(expired);
    }

    @Test
    void aClientThatInvalidatesItsTokenCannotUseItAgain() throws Exception {
        String client = UUID.randomUUID().toString();
        Issued issued = requestToken("fern", client, "HT-SHA-256-NONE");
        String logout = fastLogin("fern", client, "HT-SHA-256-NONE", issued.token(), " invalidate='true'");
        assertThat(logout).contains("<success").doesNotContain("<token");
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", issued.token(), "")).contains("<failure");
    }

    @Test
    void aTokenHandedOutButNeverUsedIsReplacedByTheNextOne() throws Exception {
        String client = UUID.randomUUID().toString();
        Issued unused = requestToken("fern", client, "HT-SHA-256-NONE");
        Issued next = requestToken("fern", client, "HT-SHA-256-NONE");
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", unused.token(), "")).contains("<failure");
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", next.token(), "")).contains("<success");
    }

    @Test
    void aNewTokenReplacesTheOldOneOnceItIsUsed() throws Exception {
        String client = UUID.randomUUID().toString();
        Issued first = requestToken("fern", client, "HT-SHA-256-NONE");
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", first.token(), "")).contains("<success");
        Issued second = requestToken("fern", client, "HT-SHA-256-NONE");
        // §4.4: until the newer token is used, the one in use still works.
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", first.token(), "")).contains("<success");
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", second.token(), "")).contains("<success");
        // Using the newer token retires the older one.
        assertThat(fastLogin("fern", client, "HT-SHA-256-NONE", first.token(), "")).contains("<failure");
    }

    @Test
    void changingThePasswordRevokesEveryToken() throws Exception {
        String client = UUID.randomUUID().toString();
        Issued issued = requestToken("fern", client, "HT-SHA-256-NONE");
        accounts.changePassword("fern", password("fern"));
        long deadline = System.nanoTime() + STEP.toNanos();
        String outcome;
        do {
            outcome = fastLogin("fern", client, "HT-SHA-256-NONE", issued.token(), "");
        } while (outcome.contains("<success") && System.nanoTime() < deadline);
        assertThat(outcome).contains("<failure");
    }

    @Test
    void fastNeedsTheUserAgentId() throws Exception {
        try (RawXmppSocket s = secured("fern@localhost")) {
            byte[] initial = concat("fern\0".getBytes(StandardCharsets.UTF_8), hmac("whatever", "Initiator", new byte[0]));
            String outcome = await(s, authenticate("HT-SHA-256-NONE", b64(initial), "<fast xmlns='urn:xmpp:fast:0'/>"));
            assertThat(outcome).contains("<failure");
        }
    }

    private static byte[] serverEndPoint(RawXmppSocket s) throws Exception {
        java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) s.tlsSession().getPeerCertificates()[0];
        String alg = leaf.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
        String hash = alg.contains("SHA512") ? "SHA-512" : alg.contains("SHA384") ? "SHA-384" : "SHA-256";
        return MessageDigest.getInstance(hash).digest(leaf.getEncoded());
    }

    private static byte[] hmac(String token, String label, byte[] cb) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(label.getBytes(StandardCharsets.US_ASCII));
        mac.update(cb);
        return mac.doFinal();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
