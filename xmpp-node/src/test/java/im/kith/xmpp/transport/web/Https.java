package im.kith.xmpp.transport.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;

import im.kith.testkit.XmppClients;

/** Plain JDK HTTP clients for the web-side tests: a fresh client means a fresh TLS handshake. */
final class Https {
    private Https() {
    }

    /** A client that accepts the node's self-signed certificate and does not follow redirects. */
    static HttpClient client() {
        return HttpClient.newBuilder().sslContext(XmppClients.trustAll())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(30)).build();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return client().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The certificate a new TLS connection to {@code url} is shown. */
    static X509Certificate presentedCertificate(String url) throws Exception {
        HttpResponse<String> response = get(url);
        return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    }
}
