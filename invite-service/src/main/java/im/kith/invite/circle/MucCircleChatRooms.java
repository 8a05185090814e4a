package im.kith.invite.circle;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.invite.store.Circle;
import im.kith.invite.store.CircleRepository;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.ext.bookmarks.BookmarkService;
import im.kith.xmpp.ext.muc.Affiliation;
import im.kith.xmpp.ext.muc.MucRooms;
import im.kith.xmpp.jid.Jid;

/**
 * {@link CircleChatRooms} on the node's MUC service ({@link MucRooms}) and XEP-0402 bookmarks
 * ({@link BookmarkService}, published to the member's PEP with notifications to their online clients).
 * A circle's room is named after the circle; its localpart is the name folded to lower-case ASCII letters,
 * digits and dashes, with {@code -2}, {@code -3}, ... appended when a room of that localpart exists.
 * Rooms have no owner: the circle decides who is a member. Blocking: call on a virtual thread.
 */
@ApplicationScoped
public class MucCircleChatRooms implements CircleChatRooms {
    /** Longest room localpart derived from a circle name (before a numeric suffix). */
    static final int MAX_LOCALPART = 40;
    private static final int MAX_ATTEMPTS = 100;
    private static final Logger LOG = Logger.getLogger(MucCircleChatRooms.class);

    private final CircleRepository circles;
    private final MucRooms rooms;
    private final BookmarkService bookmarks;
    private final String domain;

    MucCircleChatRooms(CircleRepository circles, MucRooms rooms, BookmarkService bookmarks, AccountService accounts) {
        this.circles = circles;
        this.rooms = rooms;
        this.bookmarks = bookmarks;
        this.domain = accounts.domain();
    }

    @Override
    public void circleCreated(Circle circle, List<String> members) {
        try {
            String room = createRoom(circle, circle.name(), null);
            rooms.ensureMembersOnlyRoom(room, circle.name(), members.stream().map(this::jid).toList())
                    .toCompletableFuture().join();
            LOG.infof("Circle '%s' has the room %s", circle.name(), rooms.roomJid(room));
            for (String m : members) {
                bookmark(circle, room, m);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not create the room of circle '%s'; it is retried at the next start", circle.name());
        }
    }

    @Override
    public String roomAdded(Circle circle, String title, List<String> members) {
        String room = createRoom(circle, title, title);
        rooms.ensureMembersOnlyRoom(room, title, members.stream().map(this::jid).toList()).toCompletableFuture().join();
        LOG.infof("Circle '%s' has another room, %s", circle.name(), rooms.roomJid(room));
        for (String m : members) {
            bookmark(circle, room, m);
        }
        return room;
    }

    @Override
    public void roomRemoved(Circle circle, String room, List<String> members) {
        for (String m : members) {
            run("remove the bookmark of " + room + " of " + m, bookmarks.removeConference(m, rooms.roomJid(room)));
        }
        run("destroy room " + room, rooms.destroyRoom(room, "The room was removed from the circle " + circle.name()));
    }

    @Override
    public void circleDeleted(Circle circle) {
        for (String room : circles.rooms(circle.id())) {
            run("destroy room " + room, rooms.destroyRoom(room, "The circle " + circle.name() + " was deleted"));
        }
    }

    @Override
    public void memberAdded(Circle circle, String account) {
        for (String room : circles.rooms(circle.id())) {
            if (run("affiliate " + account + " with " + room, rooms.setAffiliation(room, jid(account), Affiliation.MEMBER))) {
                bookmark(circle, room, account);
            }
        }
    }

    @Override
    public void memberRemoved(Circle circle, String account) {
        for (String room : circles.rooms(circle.id())) {
            run("remove " + account + " from " + room, rooms.setAffiliation(room, jid(account), Affiliation.NONE));
            run("remove the bookmark of " + room + " of " + account,
                    bookmarks.removeConference(account, rooms.roomJid(room)));
        }
    }

    /**
     * Creates the room under the first free localpart derived from {@code name} and links it to the circle
     * with {@code title} (null: named after the circle).
     */
    private String createRoom(Circle circle, String name, String title) {
        String base = localpart(name);
        for (int i = 1; i <= MAX_ATTEMPTS; i++) {
            String candidate = i == 1 ? base : base + "-" + i;
            if (!circles.roomLinked(candidate) && rooms.createMembersOnlyRoom(candidate, name)
                    .toCompletableFuture().join()) {
                if (title == null ? circles.linkRoom(circle.id(), candidate) : circles.linkRoom(circle.id(), candidate, title)) {
                    return candidate;
                }
                rooms.destroyRoom(candidate, null).toCompletableFuture().join();
            }
        }
        throw new IllegalStateException("no free room name for circle " + circle.name());
    }

    /** A room localpart for a circle name: "Night Owls" becomes "night-owls", "Öl & Wein" "ol-wein". */
    static String localpart(String circleName) {
        String folded = Normalizer.normalize(circleName, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < folded.length() && sb.length() < MAX_LOCALPART; i++) {
            char c = folded.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                sb.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK && !sb.isEmpty()
                    && sb.charAt(sb.length() - 1) != '-') {
                sb.append('-');
            }
        }
        while (!sb.isEmpty() && sb.charAt(sb.length() - 1) == '-') {
            sb.setLength(sb.length() - 1);
        }
        return sb.isEmpty() ? "circle" : sb.toString();
    }

    private void bookmark(Circle circle, String room, String account) {
        // XEP-0402 §3.1: autojoin, so the member's clients join the room (now, by the PEP notification, and at login).
        run("bookmark " + room + " for " + account, bookmarks.addConference(account, rooms.roomJid(room),
                circles.roomTitle(room).orElse(circle.name()), true));
    }

    /** Waits for a step; logs and returns false when it failed. */
    private static boolean run(String what, CompletionStage<?> step) {
        try {
            step.toCompletableFuture().join();
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Circle room: could not %s", what);
            return false;
        }
    }

    private Jid jid(String account) {
        return Jid.of(account, domain, null);
    }
}
