package im.kith.xmpp.ext.muc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import im.kith.testkit.RawXmppSocket;

/** Room set-up shared by the raw-XML MUC tests. */
final class MucTestRooms {
    static final String SERVICE = "groups.localhost";

    private MucTestRooms() {
    }

    /** XEP-0045 §10.1.2: creates an instant room and returns the creation presence. */
    static String createInstant(RawXmppSocket s, String room, String nick) throws IOException {
        String presence = s.exchange("<presence to='" + room + "@" + SERVICE + "/" + nick + "'>"
                + "<x xmlns='http://jabber.org/protocol/muc'/></presence>", "</message>");
        String answer = s.exchange("<iq type='set' id='create1' to='" + room + "@" + SERVICE + "'>"
                + "<query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>",
                "id=\"create1\"");
        assertThat(answer).contains("type=\"result\"");
        return presence;
    }
}
