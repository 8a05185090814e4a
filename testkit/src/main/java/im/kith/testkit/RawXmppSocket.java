package im.kith.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import javax.net.ssl.SSLSocket;

/**
 * A byte-level XMPP client for hostile-input tests: writes exactly what the test says, upgrades to TLS
 * when asked, and reads what the server answers until a marker appears or the server closes.
 */
public final class RawXmppSocket implements AutoCloseable {
    /** How long one negotiation step or exchange may take. */
    private static final Duration STEP = Duration.ofSeconds(5);

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closedByPeer;

    private RawXmppSocket(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout(200);
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
    }

    /** Connects to a plain (STARTTLS) port on loopback. */
    public static RawXmppSocket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new RawXmppSocket(s);
    }

    /** Connects to a direct TLS port on loopback. */
    public static RawXmppSocket connectTls(int port) throws IOException {
        return connectTls(port, null);
    }

    /**
     * Connects to a direct TLS port on loopback from another loopback address (e.g. 127.0.0.2), so that the
     * server sees a different client; {@code null} leaves the choice to the system.
     */
    public static RawXmppSocket connectTls(int port, InetAddress from) throws IOException {
        SSLSocket s = (SSLSocket) XmppClients.trustAll().getSocketFactory()
                .createSocket(InetAddress.getByName("127.0.0.1"), port, from, 0);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new RawXmppSocket(s);
    }

    /**
     * Connects to a STARTTLS port, upgrades to TLS, authenticates with SASL PLAIN and binds a resource
     * ({@code null}: one the server chooses). Nothing is left in the received buffer.
     *
     * @throws IOException also when authentication or binding fails
     */
    public static RawXmppSocket login(int port, String domain, String user, String password, String resource)
            throws IOException {
        RawXmppSocket s = connect(port);
        try {
            s.send(header(domain)).readUntil("</stream:features>", STEP);
            s.startTls().send(header(domain)).readUntil("</stream:features>", STEP);
            s.clear();
            s.plainAuth(domain, user, password).bind(resource);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Binds a resource ({@code null}: one the server chooses) on an authenticated stream (RFC 6120 §7). */
    public RawXmppSocket bind(String resource) throws IOException {
        String request = resource == null ? "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                : "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource + "</resource></bind>";
        String answer = exchange("<iq type='set' id='kith-bind'>" + request + "</iq>", "</iq>");
        if (!answer.contains("<jid>")) {
            throw new IOException("bind failed: " + answer);
        }
        clear();
        return this;
    }

    /** Forgets what was received, sends {@code xml} and returns what arrives up to the marker (five seconds at most). */
    public String exchange(String xml, String marker) throws IOException {
        clear();
        send(xml);
        return readUntil(marker, STEP);
    }

    public static String header(String domain) {
        return "<?xml version='1.0'?><stream:stream to='" + domain + "' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>";
    }

    public RawXmppSocket send(String data) throws IOException {
        return send(data.getBytes(StandardCharsets.UTF_8));
    }

    public RawXmppSocket send(byte[] data) throws IOException {
        out.write(data);
        out.flush();
        return this;
    }

    /** Reads until the received text contains the marker, the peer closes, or the timeout passes. */
    public String readUntil(String marker, Duration timeout) throws IOException {
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

    /** Waits until the server closes the connection; true if it did within the timeout. */
    public boolean awaitClose(Duration timeout) throws IOException {
        readUntil("\u0000never", timeout);
        return closedByPeer;
    }

    public String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was received so far (e.g. before a stream restart). */
    public void clear() {
        received.reset();
    }

    /** Performs STARTTLS: sends the request, waits for proceed, and wraps the socket in TLS. */
    public RawXmppSocket startTls() throws IOException {
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        String t = readUntil("<proceed", STEP);
        if (!t.contains("<proceed")) {
            throw new IOException("no <proceed/>: " + t);
        }
        SSLSocket tls = (SSLSocket) XmppClients.trustAll().getSocketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        use(tls);
        clear();
        return this;
    }

    /** Authenticates with SASL PLAIN (on a TLS stream) and restarts the stream. */
    public RawXmppSocket plainAuth(String domain, String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + token + "</auth>");
        String t = readUntil("<success", STEP);
        if (!t.contains("<success")) {
            throw new IOException("authentication failed: " + t);
        }
        clear();
        send(header(domain));
        readUntil("</stream:features>", STEP);
        clear();
        return this;
    }

    /** The TLS session after STARTTLS or on a direct TLS connection, e.g. for channel binding; else null. */
    public javax.net.ssl.SSLSession tlsSession() {
        return socket instanceof SSLSocket tls ? tls.getSession() : null;
    }

    /** Drops the TCP connection without closing the stream, as a client that lost its network would. */
    public void drop() throws IOException {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException | UnsupportedOperationException e) {
            // a layered TLS socket may not allow it; a close without </stream:stream> is what matters
        }
        socket.close();
    }

    public boolean closedByPeer() {
        return closedByPeer;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
