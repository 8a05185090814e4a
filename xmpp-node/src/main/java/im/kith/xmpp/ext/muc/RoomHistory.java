package im.kith.xmpp.ext.muc;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/**
 * Discussion history on entering (XEP-0045 §7.2.14), read from the room's archive: the last messages
 * within the room's history length and the client's {@code <history/>} limits (§7.2.15: maxchars,
 * maxstanzas, seconds, since), each with a XEP-0203 delay stamped by the room.
 */
@ApplicationScoped
public class RoomHistory {
    private static final Logger LOG = Logger.getLogger(RoomHistory.class);

    private final RoomArchive archive;
    private final Outbox out;
    private final Clock clock;
    private final MucConfig config;

    @Inject
    public RoomHistory(RoomArchive archive, Outbox out, Clock clock, MucConfig config) {
        this.archive = archive;
        this.out = out;
        this.clock = clock;
        this.config = config;
    }

    void send(Room room, Occupant to, Element mucX) {
        Element h = mucX == null ? null : mucX.child("history", MucNs.MUC);
        int max = Math.min(room.config().historyLength(), config.maxHistory());
        Instant since = null;
        int maxChars = Integer.MAX_VALUE;
        if (h != null) {
            max = Math.min(max, nonNegative(h.attribute("maxstanzas"), max));
            maxChars = nonNegative(h.attribute("maxchars"), maxChars);
            int seconds = nonNegative(h.attribute("seconds"), -1);
            if (seconds >= 0) {
                since = clock.instant().minusSeconds(seconds);
            }
            Instant s = time(h.attribute("since"));
            if (s != null && (since == null || s.isAfter(since))) {
                since = s;
            }
        }
        if (max <= 0 || maxChars <= 0 || !room.config().archiving()) {
            return;
        }
        List<RoomMessage> messages;
        try {
            messages = archive.select(room.localpart(), new RoomArchive.Bounds(since, null, null, null, null), true, max);
        } catch (SQLException e) {
            LOG.errorf(e, "history of room %s unavailable", room.localpart());
            return;
        }
        // maxchars counts the XML of the messages sent, newest kept first (§7.2.15).
        int chars = 0;
        int first = messages.size();
        while (first > 0) {
            int len = messages.get(first - 1).message().toString().length();
            if (chars + len > maxChars) {
                break;
            }
            chars += len;
            first--;
        }
        for (RoomMessage m : messages.subList(first, messages.size())) {
            Element e = m.message().withAttribute("to", to.jid().toString())
                    .withChild(Element.builder("delay", Ns.DELAY).attribute("from", room.jid().toString())
                            .attribute("stamp", m.at().toString()).build());
            out.send(new Stanza(StanzaKind.MESSAGE, e, room.jid().withResource(m.nick()), to.jid()));
        }
    }

    private static int nonNegative(String v, int otherwise) {
        if (v == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(v.trim());
            return n < 0 ? otherwise : n;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Instant time(String v) {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
