package im.kith.xmpp.ext.sm;

import static im.kith.testkit.RawXmppSocket.header;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import im.kith.testkit.RawXmppSocket;

/** Raw streams for stream management tests: STARTTLS, SASL PLAIN, and optionally resource binding. */
final class RawClient {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String DOMAIN = "localhost";
    static final String SM = "urn:xmpp:sm:3";

    private RawClient() {
    }

    /** An authenticated stream, before resource binding; its stream features have been read. */
    static RawXmppSocket authenticated(int port, String user, String password) throws IOException {
        RawXmppSocket s = RawXmppSocket.connect(port);
        s.send(header(DOMAIN));
        s.readUntil("</stream:features>", WAIT);
        s.startTls();
        s.send(header(DOMAIN));
        s.readUntil("</stream:features>", WAIT);
        s.clear();
        return s.plainAuth(DOMAIN, user, password);
    }

    /** An authenticated stream with the resource bound. */
    static RawXmppSocket bound(int port, String user, String password, String resource) throws IOException {
        RawXmppSocket s = authenticated(port, user, password);
        bind(s, resource);
        return s;
    }

    static void bind(RawXmppSocket s, String resource) throws IOException {
        s.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        String answer = s.readUntil("</iq>", WAIT);
        if (!answer.contains("type=\"result\"")) {
            throw new IOException("bind failed: " + answer);
        }
        s.clear();
    }

    /** Enables resumable stream management and returns the SM-ID. */
    static String enableResumable(RawXmppSocket s, String extra) throws IOException {
        s.send("<enable xmlns='" + SM + "' resume='true'" + extra + "/>");
        String enabled = s.readUntil("<enabled", WAIT);
        enabled = s.readUntil("/>", WAIT);
        Matcher m = Pattern.compile("<enabled[^>]* id=\"([^\"]+)\"").matcher(enabled);
        if (!m.find()) {
            throw new IOException("not enabled: " + enabled);
        }
        s.clear();
        return m.group(1);
    }

    /** Polls until the condition holds; fails after ten seconds. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 seconds");
            }
            Thread.sleep(25);
        }
    }
}
