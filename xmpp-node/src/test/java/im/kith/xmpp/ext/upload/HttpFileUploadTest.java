package im.kith.xmpp.ext.upload;

import static im.kith.testkit.RawXmppSocket.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.httpfileupload.HttpFileUploadManager;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.httpfileupload.element.SlotRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0363 end to end: slots over XMPP, PUT and GET over the node's HTTP server. */
@QuarkusTest
@TestProfile(UploadTestProfile.class)
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpFileUploadTest {
    private static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    DataSource dataSource;

    @Inject
    NodeConfig node;

    @Inject
    UploadExpiry expiry;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"upalice", "upbob", "upquota", "upraw", "upold"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private XMPPTCPConnection login(String user) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", "up");
    }

    private static Slot slot(XMPPTCPConnection c, String name, long size, String type) throws Exception {
        return c.createStanzaCollectorAndSend(new SlotRequest(JidCreate.domainBareFrom("share.localhost"), name, size,
                type)).nextResultOrThrow();
    }

    private HttpResponse<String> put(Slot slot, byte[] body, String type, boolean withAuthorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(slot.getPutUrl().toURI()).timeout(WAIT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type);
        if (withAuthorization) {
            slot.getHeaders().forEach(b::header);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31);
        }
        return b;
    }

    @Test
    void uploadedFileIsServedToAnotherUserWithProtectiveHeaders() throws Exception {
        XMPPTCPConnection alice = login("upalice");
        XMPPTCPConnection bob = login("upbob");
        try {
            HttpFileUploadManager manager = HttpFileUploadManager.getInstanceFor(alice);
            assertThat(manager.discoverUploadService()).isTrue();
            assertThat(manager.getDefaultUploadService().getAddress().toString()).isEqualTo("share.localhost");
            assertThat(manager.getDefaultUploadService().getMaxFileSize()).isEqualTo(UploadTestProfile.MAX_FILE_SIZE);

            byte[] photo = bytes(3000);
            Slot slot = manager.requestSlot("holiday photo.jpg", photo.length, "image/jpeg");
            assertThat(slot.getPutUrl().toString())
                    .matches("http://localhost:" + UploadTestProfile.PORT + "/upload/[0-9a-f]{32}/holiday_photo\\.jpg");
            assertThat(slot.getGetUrl()).isEqualTo(slot.getPutUrl());
            assertThat(slot.getHeaders()).containsOnlyKeys("Authorization");

            assertThat(put(slot, photo, "image/jpeg", true).statusCode()).isEqualTo(201);

            HttpResponse<byte[]> got = get(slot.getGetUrl().toString());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.body()).isEqualTo(photo);
            assertThat(got.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(got.headers().firstValue("Content-Security-Policy")).hasValue("sandbox");
            assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(got.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"holiday_photo.jpg\"");
            assertThat(got.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

            // A second PUT to the same slot is a conflict.
            assertThat(put(slot, photo, "image/jpeg", true).statusCode()).isEqualTo(409);

            // Anything that is not an image, audio or video is offered as a download.
            Slot doc = HttpFileUploadManager.getInstanceFor(bob).requestSlot("notes.html", 10, "text/html");
            assertThat(put(doc, bytes(10), "text/html", true).statusCode()).isEqualTo(201);
            assertThat(get(doc.getGetUrl().toString()).headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=\"notes.html\"");
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void putMustCarryTheSlotAuthorizationAndTheAnnouncedSize() throws Exception {
        XMPPTCPConnection alice = login("upalice");
        try {
            Slot slot = slot(alice, "a.bin", 100, "application/octet-stream");
            assertThat(put(slot, bytes(100), "application/octet-stream", false).statusCode()).isEqualTo(403);
            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(slot.getPutUrl().toURI())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(100)))
                    .header("Authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);
            HttpResponse<String> shorter = put(slot, bytes(99), "application/octet-stream", true);
            assertThat(shorter.statusCode()).isEqualTo(400);
            assertThat(shorter.body()).contains("100 bytes");
            assertThat(put(slot, bytes(101), "application/octet-stream", true).statusCode()).isEqualTo(413);
            // The failed attempts did not use up the slot; nothing is served until the PUT succeeds.
            assertThat(get(slot.getGetUrl().toString()).statusCode()).isEqualTo(404);
            assertThat(put(slot, bytes(100), "application/octet-stream", true).statusCode()).isEqualTo(201);

            Slot typed = slot(alice, "b.png", 10, "image/png");
            assertThat(put(typed, bytes(10), "text/html", true).statusCode()).isEqualTo(400);
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void webClientsGetACorsPreflight() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + UploadTestProfile.PORT + "/upload/" + "0".repeat(32) + "/x.png"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://web.example").header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("PUT");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .contains("Authorization").contains("Content-Type");
    }

    @Test
    void tooLargeFileIsNotAcceptableWithTheMaximumSize() throws Exception {
        try (RawXmppSocket raw = rawLogin("upraw")) {
            raw.send("<iq type='get' id='big' to='share.localhost'><request xmlns='urn:xmpp:http:upload:0'"
                    + " filename='movie.mkv' size='23456789' content-type='video/x-matroska'/></iq>");
            String reply = raw.readUntil("</iq>", WAIT);
            assertThat(reply).contains("type=\"error\"", "<not-acceptable", "<file-too-large xmlns=\"urn:xmpp:http:upload:0\">")
                    .contains("<max-file-size>" + UploadTestProfile.MAX_FILE_SIZE + "</max-file-size>");
            raw.clear();
            raw.send("<iq type='get' id='nosize' to='share.localhost'><request xmlns='urn:xmpp:http:upload:0'"
                    + " filename='x.txt'/></iq>");
            assertThat(raw.readUntil("</iq>", WAIT)).contains("type=\"error\"", "<bad-request");
            raw.clear();
            raw.send("<iq type='get' id='info' to='share.localhost'>"
                    + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(raw.readUntil("</iq>", WAIT)).contains("category=\"store\"", "type=\"file\"",
                    "var=\"urn:xmpp:http:upload:0\"", "var=\"max-file-size\"");
        }
    }

    @Test
    void dailyQuotaAnswersResourceConstraintWithRetryStamp() throws Exception {
        XMPPTCPConnection user = login("upquota");
        try {
            for (int i = 0; i < 2; i++) {
                slot(user, "part" + i + ".bin", 4000, "application/octet-stream");
            }
            try (RawXmppSocket raw = rawLogin("upquota")) {
                raw.send("<iq type='get' id='q' to='share.localhost'><request xmlns='urn:xmpp:http:upload:0'"
                        + " filename='part2.bin' size='4000'/></iq>");
                assertThat(raw.readUntil("</iq>", WAIT)).contains("type=\"error\"", "<error type=\"wait\">",
                        "<resource-constraint", "<retry xmlns=\"urn:xmpp:http:upload:0\" stamp=\"");
            }
            // A file that still fits in the rest of the quota is granted.
            assertThat(slot(user, "small.bin", 1000, "application/octet-stream").getPutUrl()).isNotNull();
        } finally {
            user.disconnect();
        }
    }

    private RawXmppSocket rawLogin(String user) throws Exception {
        return RawXmppSocket.login(listeners.port(), DOMAIN, user, user + "-pass-phrase", null);
    }

    @Test
    void expiredSlotRefusesThePut() throws Exception {
        XMPPTCPConnection alice = login("upalice");
        try {
            Slot slot = slot(alice, "late.txt", 5, "text/plain");
            String id = slot.getPutUrl().getPath().split("/")[2];
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "UPDATE upload_slots SET expires_at = now() - interval '1 second' WHERE id = ?")) {
                ps.setString(1, id);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            HttpResponse<String> late = put(slot, "hello".getBytes(StandardCharsets.UTF_8), "text/plain", true);
            assertThat(late.statusCode()).isEqualTo(403);
            assertThat(late.body()).contains("expired");
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void chosenPathsNeverReachTheFileSystem() throws Exception {
        XMPPTCPConnection alice = login("upalice");
        try {
            Slot slot = slot(alice, "../../etc/passwd", 4, "text/plain");
            String[] segments = slot.getPutUrl().getPath().split("/");
            assertThat(segments).hasSize(4);
            assertThat(segments[3]).isEqualTo("passwd");
            Slot dots = slot(alice, "..\\..\\..", 4, "text/plain");
            assertThat(dots.getPutUrl().getPath()).endsWith("/file");
            Slot hidden = slot(alice, "%2e%2e%2f.bashrc", 4, "text/plain");
            assertThat(hidden.getPutUrl().getPath()).doesNotContain("..").doesNotContain("%");

            assertThat(put(slot, "root".getBytes(StandardCharsets.UTF_8), "text/plain", true).statusCode())
                    .isEqualTo(201);
            Path uploads = Path.of(node.dataDir(), "uploads");
            assertThat(uploads.resolve(segments[2])).hasContent("root");
            try (var files = Files.list(uploads)) {
                assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.matches("[0-9a-f]{32}(\\.part)?"));
            }
            // A GET by another URL than the advertised one finds nothing.
            String other = slot.getGetUrl().toString().replace("/passwd", "/shadow");
            assertThat(get(other).statusCode()).isEqualTo(404);
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void retentionDeletesOldFiles() throws Exception {
        XMPPTCPConnection user = login("upold");
        try {
            Slot slot = slot(user, "old.txt", 3, "text/plain");
            assertThat(put(slot, "old".getBytes(StandardCharsets.UTF_8), "text/plain", true).statusCode()).isEqualTo(201);
            String id = slot.getPutUrl().getPath().split("/")[2];
            assertThat(expiry.purge(Instant.now().plus(Duration.ofDays(8)))).isPositive();
            assertThat(get(slot.getGetUrl().toString()).statusCode()).isEqualTo(404);
            assertThat(Path.of(node.dataDir(), "uploads", id)).doesNotExist();
        } finally {
            user.disconnect();
        }
    }
}
