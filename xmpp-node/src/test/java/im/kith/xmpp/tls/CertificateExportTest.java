package im.kith.xmpp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import im.kith.testkit.Coturn;
import im.kith.testkit.XmppClients;

/**
 * The TURN server gets the node's certificate: the copy is what a real coturn serves on its TLS port, and
 * after the next copy the reload command (SIGUSR2 for coturn) makes it serve the new one without a
 * restart.
 */
class CertificateExportTest {
    private static final List<String> NAMES = List.of("kith.test", "groups.kith.test", "share.kith.test");

    @TempDir
    Path dir;

    @Test
    void coturnServesTheCopiedCertificateAndTheNextOneAfterTheReloadCommand() throws Exception {
        Assumptions.assumeTrue(Coturn.installed(), Coturn.MISSING);
        Path certs = dir.resolve("turn-certs");
        TlsMaterial first = material();
        assertThat(new CertificateExport(Optional.of(certs), List.of(), null).export(first)).isTrue();
        assertThat(Files.getPosixFilePermissions(certs.resolve("privkey.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));

        try (Coturn coturn = Coturn.start(dir.resolve("coturn"), "secret", certs.resolve("fullchain.pem"),
                certs.resolve("privkey.pem"))) {
            assertThat(servedSerial(coturn.tlsPort())).isEqualTo(first.leaf().getSerialNumber());

            TlsMaterial renewed = material();
            CertificateExport export = new CertificateExport(Optional.of(certs),
                    List.of("kill", "-USR2", Long.toString(coturn.pid())), null);
            assertThat(export.export(renewed)).isTrue();

            BigInteger expected = renewed.leaf().getSerialNumber();
            long deadline = System.nanoTime() + 10_000_000_000L;
            BigInteger served = servedSerial(coturn.tlsPort());
            while (!served.equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                served = servedSerial(coturn.tlsPort());
            }
            assertThat(served).as("certificate served after the reload; coturn log:%n%s", coturn.log())
                    .isEqualTo(expected);
        }
    }

    @Test
    void aFailingReloadCommandIsReportedAndTheFilesAreStillCopied() throws Exception {
        Path certs = dir.resolve("turn-certs");
        TlsMaterial material = material();

        boolean ok = new CertificateExport(Optional.of(certs), List.of("false"), null).export(material);

        assertThat(ok).isFalse();
        assertThat(Files.readAllBytes(certs.resolve("fullchain.pem"))).isEqualTo(material.chainPem());
        assertThat(Files.readAllBytes(certs.resolve("privkey.pem"))).isEqualTo(material.keyPem());
    }

    @Test
    void aReloadCommandThatCannotRunIsReportedNotThrown() throws Exception {
        boolean ok = new CertificateExport(Optional.of(dir), List.of("/nonexistent/reload-turn"), null)
                .export(material());

        assertThat(ok).isFalse();
        assertThat(dir.resolve("fullchain.pem")).isRegularFile();
    }

    @Test
    void theCommandIsSplitAtBlanksWithoutAShell() {
        assertThat(CertificateExport.words("  pkill  -USR2 -x turnserver ")).containsExactly("pkill", "-USR2", "-x",
                "turnserver");
    }

    private static TlsMaterial material() throws Exception {
        byte[][] pair = SelfSignedCertificate.create(NAMES, Instant.now());
        return new TlsMaterial(List.copyOf(Pem.certificates(pair[0])), pair[0], pair[1]);
    }

    /** The serial number of the leaf a TLS client sees on the port (no trust check: the test compares). */
    private static BigInteger servedSerial(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {XmppClients.trustingEverything()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }
}
