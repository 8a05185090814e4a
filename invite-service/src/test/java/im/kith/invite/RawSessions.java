package im.kith.invite;

import static im.kith.testkit.RawXmppSocket.header;

import java.time.Duration;

import im.kith.testkit.RawXmppSocket;

/** Logged-in raw streams for checks after registration: SASL PLAIN over direct TLS, then a bound resource. */
final class RawSessions {
    static final Duration WAIT = Duration.ofSeconds(5);

    private RawSessions() {
    }

    /** Logs in and binds; throws if the password is wrong. */
    static RawXmppSocket login(int tlsPort, String user, String password) throws Exception {
        RawXmppSocket s = RawXmppSocket.connectTls(tlsPort);
        s.send(header("localhost"));
        s.readUntil("</stream:features>", WAIT);
        s.clear();
        s.plainAuth("localhost", user, password);
        s.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        String bound = s.readUntil("</iq>", WAIT);
        if (!bound.contains("<jid>")) {
            throw new IllegalStateException("bind failed: " + bound);
        }
        s.clear();
        return s;
    }

    /** The roster result as XML text. */
    static String roster(RawXmppSocket s) throws Exception {
        s.clear();
        s.send("<iq type='get' id='roster1'><query xmlns='jabber:iq:roster'/></iq>");
        String text = s.readUntil("id=\"roster1\"", WAIT);
        text = s.readUntil("</iq>", WAIT);
        int start = text.indexOf("id=\"roster1\"");
        return text.substring(Math.max(0, text.lastIndexOf('<', start)));
    }
}
