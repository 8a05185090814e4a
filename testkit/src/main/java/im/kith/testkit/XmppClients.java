package im.kith.testkit;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Smack clients for tests against a node on this machine: loopback, the test domain, and a trust
 * manager that accepts the node's self-signed certificate.
 */
public final class XmppClients {
    static {
        SASLAuthentication.registerSASLMechanism(new ScramSha256Mechanism());
        SmackConfiguration.setDefaultReplyTimeout(10_000);
    }

    private static final X509TrustManager TRUST_ALL = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    private XmppClients() {
    }

    /** A trust manager that accepts any server certificate: for tests that look at the certificate served. */
    public static X509TrustManager trustingEverything() {
        return TRUST_ALL;
    }

    /** A configuration for STARTTLS (required) on the given port. */
    public static XMPPTCPConnectionConfiguration.Builder starttls(String domain, int port, String user, String password) {
        try {
            return XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(domain)
                    .setHostAddress(InetAddress.getLoopbackAddress())
                    .setPort(port)
                    .setUsernameAndPassword(user, password)
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(TRUST_ALL)
                    .setHostnameVerifier((host, session) -> true)
                    .setSendPresence(false)
                    .setCompressionEnabled(false);
        } catch (org.jxmpp.stringprep.XmppStringprepException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Connects and logs in over STARTTLS. */
    public static XMPPTCPConnection login(String domain, int port, String user, String password, String resource)
            throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(starttls(domain, port, user, password)
                .setResource(resource).build());
        c.connect().login();
        return c;
    }

    /** Connects over direct TLS (XEP-0368): the socket is TLS from the first byte. */
    public static XMPPTCPConnection loginDirectTls(String domain, int port, String user, String password,
            String resource) throws Exception {
        XMPPTCPConnectionConfiguration config = starttls(domain, port, user, password)
                .setSecurityMode(SecurityMode.disabled)
                .setSocketFactory(trustAll().getSocketFactory())
                .setResource(resource)
                .build();
        XMPPTCPConnection c = new XMPPTCPConnection(config);
        c.connect().login();
        return c;
    }

    /** An SSL context that trusts any certificate: for tests against local self-signed nodes only. */
    public static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {TRUST_ALL}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
