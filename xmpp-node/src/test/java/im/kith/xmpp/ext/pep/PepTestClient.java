package im.kith.xmpp.ext.pep;


import java.io.IOException;
import java.time.Duration;

import im.kith.testkit.RawXmppSocket;

/** A raw XML client for PEP tests: logs in, binds, and waits for whole replies and notifications. */
public final class PepTestClient implements AutoCloseable {
    public static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RawXmppSocket socket;
    private int consumed;

    private PepTestClient(RawXmppSocket socket) {
        this.socket = socket;
    }

    /** Logs in with password {@code user + "-pass-phrase"} and binds the resource. */
    public static PepTestClient login(int port, String user, String resource) throws IOException {
        return new PepTestClient(RawXmppSocket.login(port, DOMAIN, user, user + "-pass-phrase", resource));
    }

    /** Sends an IQ and returns the whole reply with that id (attributes come with double quotes). */
    public String iq(String id, String xml) throws IOException {
        socket.send(xml);
        return await("iq", "id=\"" + id + "\"");
    }

    public PepTestClient send(String xml) throws IOException {
        socket.send(xml);
        return this;
    }

    /**
     * Waits for the next element of this name whose start tag contains the marker, and returns it whole;
     * what came before it is skipped. Returns "" when none arrives in time.
     */
    public String await(String name, String marker) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String found = find(name, marker);
            if (found != null || System.nanoTime() > deadline) {
                return found == null ? "" : found;
            }
            socket.readUntil("\u0000", Duration.ofMillis(100));
        }
    }

    /** Whether text with the marker arrives (after what was consumed) within the time given. */
    public boolean receives(String marker, Duration within) throws IOException {
        socket.readUntil("\u0000", within);
        return socket.text().indexOf(marker, consumed) >= 0;
    }

    private String find(String name, String marker) {
        String text = socket.text();
        int from = consumed;
        while (true) {
            int start = text.indexOf("<" + name + " ", from);
            if (start < 0) {
                return null;
            }
            int tagEnd = text.indexOf('>', start);
            if (tagEnd < 0) {
                return null;
            }
            String startTag = text.substring(start, tagEnd + 1);
            int end = startTag.endsWith("/>") ? tagEnd + 1 : endOf(text, name, tagEnd);
            if (end < 0) {
                return null;
            }
            if (startTag.contains(marker)) {
                consumed = end;
                return text.substring(start, end);
            }
            from = end;
        }
    }

    private static int endOf(String text, String name, int after) {
        int close = text.indexOf("</" + name + ">", after);
        return close < 0 ? -1 : close + name.length() + 3;
    }

    @Override
    public void close() throws IOException {
        socket.send("</stream:stream>");
        socket.close();
    }
}
