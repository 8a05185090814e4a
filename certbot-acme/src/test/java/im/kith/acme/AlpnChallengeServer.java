package im.kith.acme;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * What a TLS listener does for TLS-ALPN-01 (RFC 8737 §3): when the client offers {@code acme-tls/1}, it
 * negotiates that protocol, presents the validation certificate for the SNI name from
 * {@link AlpnChallengeCertificates}, and closes the connection after the handshake.
 */
final class AlpnChallengeServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final Thread acceptor;

    private AlpnChallengeServer(SSLServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofVirtual().name("alpn-challenge-server").start(this::acceptLoop);
    }

    static AlpnChallengeServer start(int port, AlpnChallengeCertificates certificates) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new ChallengeKeyManager(certificates)}, null, null);
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(port, 50, InetAddress.getLoopbackAddress());
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return new AlpnChallengeServer(socket);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket socket = (SSLSocket) server.accept();
                Thread.ofVirtual().start(() -> handshakeAndClose(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void handshakeAndClose(SSLSocket socket) {
        try (socket) {
            String acmeTls = AlpnChallengeCertificates.ACME_TLS_1;
            socket.setHandshakeApplicationProtocolSelector((s, offered) -> offered.contains(acmeTls) ? acmeTls : null);
            socket.startHandshake();
        } catch (IOException ignored) {
            // the validator hangs up right after the handshake
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join();
    }

    /** Picks the validation certificate by the SNI name of the handshake in progress. */
    private static final class ChallengeKeyManager extends X509ExtendedKeyManager {
        private final AlpnChallengeCertificates certificates;

        ChallengeKeyManager(AlpnChallengeCertificates certificates) {
            this.certificates = certificates;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            // RFC 8737 §3: the validation certificate only ever answers an acme-tls/1 handshake.
            if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session
                    && AlpnChallengeCertificates.ACME_TLS_1.equals(ssl.getHandshakeApplicationProtocol())) {
                return sniName(session.getRequestedServerNames()).filter(n -> certificates.forName(n).isPresent())
                        .orElse(null);
            }
            return null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return engine.getHandshakeSession() instanceof ExtendedSSLSession session
                    && AlpnChallengeCertificates.ACME_TLS_1.equals(engine.getHandshakeApplicationProtocol())
                    ? sniName(session.getRequestedServerNames()).orElse(null) : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return certificates.forName(alias).map(p -> new X509Certificate[] {p.certificate()}).orElse(null);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return certificates.forName(alias).map(KeyCertPair::key).orElse(null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        private static Optional<String> sniName(List<SNIServerName> names) {
            return names.stream().filter(SNIHostName.class::isInstance)
                    .map(n -> ((SNIHostName) n).getAsciiName()).findFirst();
        }
    }
}
