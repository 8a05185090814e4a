package im.kith.xmpp.s2s;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import im.kith.testkit.TestPki;

/**
 * A byte-level stand-in for another XMPP server in hostile-peer tests: it writes exactly what the test
 * says, upgrades to TLS presenting a chosen certificate (as client or as server), and reads until a
 * marker appears or the node closes the connection.
 */
final class FakeServer implements AutoCloseable {
    static final String NS = "xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' "
            + "xmlns:db='jabber:server:dialback'";

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByPeer;

    FakeServer(Socket socket) throws IOException {
        use(socket);
    }

    static FakeServer connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new FakeServer(s);
    }

    static String header(String from, String to, String id) {
        return "<?xml version='1.0'?><stream:stream " + NS + " version='1.0'" + (from == null ? "" : " from='" + from + "'")
                + " to='" + to + "'" + (id == null ? "" : " id='" + id + "'") + ">";
    }

    private void use(Socket s) throws IOException {
        socket = s;
        s.setSoTimeout(200);
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    FakeServer send(String data) throws IOException {
        out.write(data.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    String readUntil(String marker, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        while (System.nanoTime() < deadline && !text().contains(marker) && !closedByPeer) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    closedByPeer = true;
                } else {
                    received.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // keep waiting
            } catch (IOException e) {
                closedByPeer = true;
            }
        }
        return text();
    }

    boolean awaitClose(Duration timeout) throws IOException {
        readUntil("\u0000never", timeout);
        return closedByPeer;
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    void clear() {
        received.reset();
    }

    /** Client side of STARTTLS: request it, wait for proceed, handshake presenting {@code identity}. */
    FakeServer startTls(TestPki.Issued identity) throws Exception {
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        if (!readUntil("<proceed", Duration.ofSeconds(5)).contains("<proceed")) {
            throw new IOException("no <proceed/>: " + text());
        }
        upgrade(identity, true);
        return this;
    }

    /** Switches to TLS with {@code identity} as our certificate, in client or server mode. */
    void upgrade(TestPki.Issued identity, boolean clientMode) throws Exception {
        SSLSocket tls = (SSLSocket) context(identity).getSocketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(clientMode);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        use(tls);
        clear();
    }

    private static SSLContext context(TestPki.Issued identity) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        X509Certificate[] chain = identity.issuer() == null ? new X509Certificate[] {identity.certificate()}
                : new X509Certificate[] {identity.certificate(), identity.issuer()};
        ks.setKeyEntry("id", identity.key(), "pw".toCharArray(), chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return ctx;
    }

    /** The value of an attribute in the first element of the received text that has it, or null. */
    String attribute(String element, String attribute) {
        String t = text();
        int at = t.indexOf("<" + element);
        if (at < 0) {
            return null;
        }
        int end = t.indexOf('>', at);
        String tag = t.substring(at, end);
        for (char q : new char[] {'\'', '"'}) {
            int a = tag.indexOf(" " + attribute + "=" + q);
            if (a >= 0) {
                int start = a + attribute.length() + 3;
                return tag.substring(start, tag.indexOf(q, start));
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
