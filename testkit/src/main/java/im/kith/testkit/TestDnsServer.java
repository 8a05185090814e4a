package im.kith.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny authoritative DNS server on a loopback UDP port, for tests that must not depend on (or touch)
 * the machine's resolvers: it answers SRV questions (RFC 2782) from a table the test fills, with
 * NXDOMAIN for every other name, and records the questions it was asked. Only what a resolver needs for
 * SRV lookups is implemented (RFC 1035 §4.1: one question per query, no compression in questions).
 */
public final class TestDnsServer implements AutoCloseable {
    private static final int TYPE_SRV = 33;
    private static final int CLASS_IN = 1;
    private static final int RCODE_NXDOMAIN = 3;
    private static final int RCODE_FORMERR = 1;

    /** One SRV record; a {@code target} of {@code "."} says that the service is not offered. */
    public record Srv(int priority, int weight, int port, String target) {
    }

    /** One question received: the name asked for and the record type. */
    public record Question(String name, int type) {
    }

    private final DatagramSocket socket;
    private final Map<String, List<Srv>> srv = new ConcurrentHashMap<>();
    private final List<Question> questions = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private TestDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "test-dns-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Starts a server on a free UDP port of 127.0.0.1. */
    public static TestDnsServer start() throws SocketException {
        TestDnsServer s = new TestDnsServer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        s.thread.start();
        return s;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** {@code 127.0.0.1:PORT}, as resolvers are configured. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** Answers SRV questions for {@code name} (such as {@code _xmpp-server._tcp.example.org}) with these records. */
    public TestDnsServer srv(String name, Srv... records) {
        srv.put(name.toLowerCase(Locale.ROOT), List.of(records));
        return this;
    }

    /** The questions received so far, in order. */
    public List<Question> questions() {
        return List.copyOf(questions);
    }

    /** The names asked for so far with the given record type. */
    public List<String> asked(int type) {
        return questions.stream().filter(q -> q.type() == type).map(Question::name).toList();
    }

    /** The names asked for SRV records so far. */
    public List<String> askedSrv() {
        return asked(TYPE_SRV);
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                byte[] reply = answer(buf, p.getLength());
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The response to one query, or null to drop a packet too short to answer. */
    private byte[] answer(byte[] q, int length) {
        if (length < 12) {
            return null;
        }
        int qdcount = u16(q, 4);
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (pos < length && q[pos] != 0) {
            int label = q[pos] & 0xff;
            if (label > 63 || pos + 1 + label > length) {
                return header(q, RCODE_FORMERR, 0, 0);
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(q, pos + 1, label, StandardCharsets.US_ASCII));
            pos += 1 + label;
        }
        if (qdcount != 1 || pos + 5 > length) {
            return header(q, RCODE_FORMERR, 0, 0);
        }
        int questionEnd = pos + 5;
        int type = u16(q, pos + 1);
        String asked = name.toString().toLowerCase(Locale.ROOT);
        questions.add(new Question(asked, type));
        List<Srv> records = type == TYPE_SRV && u16(q, pos + 3) == CLASS_IN ? srv.get(asked) : null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(q, records == null ? RCODE_NXDOMAIN : 0, 1, records == null ? 0 : records.size()));
        out.write(q, 12, questionEnd - 12);
        if (records != null) {
            for (Srv r : records) {
                byte[] target = encodeName(r.target());
                out.writeBytes(new byte[] {(byte) 0xc0, 12}); // the name of the question (RFC 1035 §4.1.4)
                writeU16(out, TYPE_SRV);
                writeU16(out, CLASS_IN);
                writeU16(out, 0);
                writeU16(out, 60); // TTL
                writeU16(out, 6 + target.length);
                writeU16(out, r.priority());
                writeU16(out, r.weight());
                writeU16(out, r.port());
                out.writeBytes(target);
            }
        }
        return out.toByteArray();
    }

    private static byte[] header(byte[] q, int rcode, int qdcount, int ancount) {
        byte[] h = new byte[12];
        h[0] = q[0];
        h[1] = q[1];
        // QR, the query's opcode and RD, AA; RA; the response code.
        h[2] = (byte) (0x80 | (q[2] & 0x79) | 0x04);
        h[3] = (byte) (0x80 | rcode);
        h[5] = (byte) qdcount;
        h[7] = (byte) ancount;
        return h;
    }

    private static byte[] encodeName(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!n.isEmpty()) {
            for (String label : n.split("\\.")) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static void writeU16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8 & 0xff);
        out.write(v & 0xff);
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
