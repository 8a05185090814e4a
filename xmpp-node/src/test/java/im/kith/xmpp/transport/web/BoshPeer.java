package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import im.kith.testkit.XmppClients;

/** A raw BOSH client (XEP-0124, XEP-0206) over the JDK HTTP client; every response must parse as XML. */
final class BoshPeer {
    static final String NS = "http://jabber.org/protocol/httpbind";
    static final String XBOSH = "urn:xmpp:xbosh";
    private static final Pattern SID = Pattern.compile("sid='([^']+)'");

    private final HttpClient http = HttpClient.newBuilder().sslContext(XmppClients.trustAll())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
    private final URI uri;
    private long rid = 1_000_000 + (long) (Math.random() * 1_000_000);
    private String sid;

    BoshPeer(int httpsPort) {
        this.uri = URI.create("https://localhost:" + httpsPort + "/http-bind");
    }

    /** Session creation (§7.1); returns the response body. */
    String create(int waitSeconds) throws Exception {
        String response = post("<body content='text/xml; charset=utf-8' hold='1' rid='" + rid + "' to='localhost' wait='"
                + waitSeconds + "' xml:lang='en' xmpp:version='1.0' xmlns='" + NS + "' xmlns:xmpp='" + XBOSH + "'/>")
                .body();
        Matcher m = SID.matcher(response);
        assertThat(m.find()).as("sid in %s", response).isTrue();
        sid = m.group(1);
        return response;
    }

    String sid() {
        return sid;
    }

    long lastRid() {
        return rid;
    }

    /** The next request in rid order, carrying {@code payload}, with extra body attributes. */
    String request(String attributes, String payload) {
        rid++;
        return withRid(rid, attributes, payload);
    }

    String withRid(long r, String attributes, String payload) {
        return "<body rid='" + r + "' sid='" + sid + "' xmlns='" + NS + "'" + attributes + ">" + payload + "</body>";
    }

    String send(String payload) throws Exception {
        return post(request("", payload)).body();
    }

    String restart() throws Exception {
        return post(request(" to='localhost' xml:lang='en' xmpp:restart='true' xmlns:xmpp='" + XBOSH + "'", ""))
                .body();
    }

    HttpResponse<String> post(String body) throws Exception {
        return postAsync(body).get();
    }

    CompletableFuture<HttpResponse<String>> postAsync(String body) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            assertParses(r.body());
            return r;
        });
    }

    HttpResponse<String> options(String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertParses(String body) {
        if (body.isEmpty()) {
            return;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not namespace-well-formed XML: " + body, e);
        }
    }
}
