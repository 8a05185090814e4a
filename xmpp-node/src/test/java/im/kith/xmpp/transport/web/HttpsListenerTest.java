package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.xmpp.tls.TlsMaterialSource;

/**
 * HTTPS presents the node's certificate and picks up a new one without a restart; plain HTTP is
 * redirected to HTTPS except for ACME challenges and host-meta, which is served on both.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class HttpsListenerTest {

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @TestHTTPResource("/")
    URL http;

    @Inject
    TlsMaterialSource tls;

    private String httpsUrl(String path) {
        return "https://localhost:" + https.getPort() + path;
    }

    private String httpUrl(String path) {
        return "http://localhost:" + http.getPort() + path;
    }

    @Test
    void httpsPresentsTheNodesCertificate() throws Exception {
        X509Certificate presented = Https.presentedCertificate(httpsUrl("/.well-known/host-meta"));

        assertThat(presented).isEqualTo(tls.current().leaf());
    }

    @Test
    void newCertificateIsPresentedToNewConnectionsAfterReload() throws Exception {
        X509Certificate before = Https.presentedCertificate(httpsUrl("/.well-known/host-meta"));
        byte[] originalKey = Files.readAllBytes(tls.keyFile());
        byte[] originalChain = Files.readAllBytes(tls.chainFile());
        String[] pem = selfSigned("localhost");
        Files.writeString(tls.keyFile(), pem[1]);
        Files.writeString(tls.chainFile(), pem[0]);
        try {
            tls.reload();

            X509Certificate after = Https.presentedCertificate(httpsUrl("/.well-known/host-meta"));
            assertThat(after).isNotEqualTo(before).isEqualTo(tls.current().leaf());
            assertThat(after.getSubjectX500Principal().getName()).isEqualTo("CN=reloaded.localhost");
        } finally {
            Files.write(tls.keyFile(), originalKey);
            Files.write(tls.chainFile(), originalChain);
            tls.reload();
        }
    }

    @Test
    void plainHttpIsRedirectedToTheSamePathOverHttps() throws Exception {
        HttpResponse<String> response = Https.get(httpUrl("/invite/abc?lang=de"));

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("https://localhost:" + https.getPort() + "/invite/abc?lang=de");
    }

    @Test
    void webSocketAndBoshAreRedirectedOnPlainHttp() throws Exception {
        assertThat(Https.get(httpUrl("/xmpp-websocket")).statusCode()).isEqualTo(301);
        assertThat(Https.get(httpUrl("/http-bind")).statusCode()).isEqualTo(301);
    }

    @Test
    void acmeChallengesAreNotRedirected() throws Exception {
        HttpResponse<String> response = Https.get(httpUrl("/.well-known/acme-challenge/some-token"));

        assertThat(response.statusCode()).isNotEqualTo(301);
    }

    @Test
    void hostMetaListsWebSocketAndBoshOverPlainHttpAndHttps() throws Exception {
        for (String url : new String[] {httpUrl("/.well-known/host-meta"), httpsUrl("/.well-known/host-meta")}) {
            HttpResponse<String> response = Https.get(url);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/xrd+xml"));
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(response.body())
                    .contains("<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>")
                    .contains("<Link rel='urn:xmpp:alt-connections:websocket' href='wss://localhost:"
                            + https.getPort() + "/xmpp-websocket'/>")
                    .contains("<Link rel='urn:xmpp:alt-connections:xbosh' href='https://localhost:"
                            + https.getPort() + "/http-bind'/>");
        }
    }

    @Test
    void hostMetaJsonListsWebSocketAndBosh() throws Exception {
        HttpResponse<String> response = Https.get(httpUrl("/.well-known/host-meta.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(response.body());
        assertThat(json.getJsonArray("links").encode())
                .contains("{\"rel\":\"urn:xmpp:alt-connections:websocket\",\"href\":\"wss://localhost:"
                        + https.getPort() + "/xmpp-websocket\"}")
                .contains("{\"rel\":\"urn:xmpp:alt-connections:xbosh\",\"href\":\"https://localhost:"
                        + https.getPort() + "/http-bind\"}");
    }

    /** A new self-signed certificate and key for {@code name}, as PEM: chain, key. */
    static String[] selfSigned(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=reloaded." + name),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=reloaded." + name), pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return new String[] {pem("CERTIFICATE", cert.getEncoded()), pem("PRIVATE KEY", pair.getPrivate().getEncoded())};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
