package im.kith.xmpp.transport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.tls.TlsMaterialSource;
import im.kith.xmpp.tls.ValidationCertificate;

/**
 * TLS-ALPN-01 on the HTTPS listener (RFC 8737): a handshake offering only {@code acme-tls/1} with the
 * validated name in SNI is shown that name's validation certificate and then closed; every other
 * handshake keeps the node's certificate. The listener speaks TLS 1.3 only (the TLS registry's default),
 * within RFC 8737 §4's "TLS 1.2 or higher".
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class AcmeTlsListenerTest {
    private static final String NAME = "alpn.localhost";

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    PendingValidations validations;

    @Inject
    TlsMaterialSource tls;

    @AfterEach
    void withdraw() {
        validations.withdraw(NAME);
    }

    @Test
    void acmeTlsHandshakePresentsTheValidationCertificateOfTheSniName() throws Exception {
        ValidationCertificate validation = validations.publish(NAME);

        try (SSLSocket socket = handshake(NAME, "TLSv1.3", "acme-tls/1")) {
            assertThat(socket.getApplicationProtocol()).isEqualTo("acme-tls/1");
            assertThat(socket.getSession().getPeerCertificates()).containsExactly(validation.certificate());
        }
    }

    @Test
    void httpHandshakeForANameBeingValidatedKeepsTheNodeCertificate() throws Exception {
        validations.publish(NAME);

        try (SSLSocket socket = handshake(NAME, "TLSv1.3", "http/1.1")) {
            assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
            assertThat(leaf(socket)).isEqualTo(tls.current().leaf());
            assertThat(afterRequest(socket)).startsWith("answered: HTTP/1.1 200");
        }
        try (SSLSocket socket = handshake(NAME, "TLSv1.3")) {
            assertThat(leaf(socket)).isEqualTo(tls.current().leaf());
        }
    }

    @Test
    void browsersStillNegotiateHttp2FirstWithTheNodeCertificate() throws Exception {
        validations.publish(NAME);

        try (SSLSocket socket = handshake(NAME, "TLSv1.3", "h2", "http/1.1", "acme-tls/1")) {
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
            assertThat(leaf(socket)).isEqualTo(tls.current().leaf());
        }
    }

    @Test
    void acmeTlsHandshakeForANameWithoutPendingChallengeFails() {
        // Nothing but a validation certificate may answer acme-tls/1 (RFC 8737 §3, §4), so without one
        // there is no certificate to present and the handshake is refused.
        assertThatThrownBy(() -> handshake("other.localhost", "TLSv1.3", "acme-tls/1").close())
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void acmeTlsHandshakeWithoutSniFails() throws Exception {
        validations.publish(NAME);

        assertThatThrownBy(() -> handshake(null, "TLSv1.3", "acme-tls/1").close())
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void acmeTlsConnectionIsClosedAfterTheHandshakeAndAnswersNoHttp() throws Exception {
        validations.publish(NAME);

        try (SSLSocket socket = handshake(NAME, "TLSv1.3", "acme-tls/1")) {
            assertThat(afterRequest(socket)).isEqualTo("closed");
        }
    }

    /** Sends an HTTP request and tells whether the server answered, closed, or left the connection open. */
    private static String afterRequest(SSLSocket socket) {
        try {
            socket.getOutputStream().write("GET /.well-known/host-meta HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            return answer.length == 0 ? "closed" : "answered: " + new String(answer, StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException e) {
            return "left open";
        } catch (IOException e) {
            return "closed"; // reset, or hung up before the request was written
        }
    }

    /** A completed handshake with the HTTPS listener, offering {@code protocols} by ALPN (none: no ALPN). */
    private SSLSocket handshake(String sni, String tlsVersion, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) XmppClients.trustAll().getSocketFactory().createSocket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", https.getPort()), 5000);
            socket.setSoTimeout(5000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {tlsVersion});
            parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            if (protocols.length > 0) {
                parameters.setApplicationProtocols(protocols);
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static X509Certificate leaf(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
}
