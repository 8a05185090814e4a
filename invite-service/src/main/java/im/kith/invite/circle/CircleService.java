package im.kith.invite.circle;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import im.kith.invite.InviteConfig;
import im.kith.invite.store.Circle;
import im.kith.invite.store.CircleRepository;
import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.account.AccountService;
import io.quarkus.runtime.StartupEvent;

/**
 * Circles: every member has every other member on the roster with subscription 'both', in a roster
 * group named after the circle; joining adds those items on both sides and leaving takes them away
 * again. A default circle named after the site exists from the first start and cannot be deleted.
 * Every circle has a group chat ({@link CircleChatRooms}): members are affiliated and have it bookmarked.
 * Blocking: call off the event loop.
 */
@ApplicationScoped
public class CircleService {
    /** Longest circle name. */
    public static final int MAX_NAME = 64;
    private static final Logger LOG = Logger.getLogger(CircleService.class);

    private final CircleRepository circles;
    private final RosterLinks roster;
    private final CircleChatRooms rooms;
    private final AccountService accounts;
    private final String siteName;
    private final Clock clock;

    CircleService(CircleRepository circles, RosterLinks roster, CircleChatRooms rooms, AccountService accounts,
            InviteConfig config, Clock clock) {
        this.circles = circles;
        this.roster = roster;
        this.rooms = rooms;
        this.accounts = accounts;
        this.siteName = config.invites().siteName().orElse(accounts.domain());
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (circles.defaultCircle().isEmpty()) {
            circles.create(siteName, true, clock.instant())
                    .ifPresent(c -> LOG.infof("Default circle '%s' created", c.name()));
        }
        // Every circle has a group chat, also those created before circles had them.
        for (Circle c : circles.withoutRooms()) {
            rooms.circleCreated(c, circles.members(c.id()));
        }
    }

    void onAccountRemoved(@Observes AccountRemoved event) {
        for (long id : circles.removeEverywhere(event.localpart())) {
            circles.byId(id).ifPresent(c -> rooms.memberRemoved(c, event.localpart()));
        }
    }

    public List<CircleView> list() {
        return circles.list().stream().map(c -> new CircleView(c.name(), c.isDefault(), circles.members(c.id())))
                .toList();
    }

    public Optional<CircleView> find(String name) {
        return circles.byName(name).map(c -> new CircleView(c.name(), c.isDefault(), circles.members(c.id())));
    }

    /** The default circle's name. */
    public Optional<String> defaultCircle() {
        return circles.defaultCircle().map(Circle::name);
    }

    private static String checkedName(String name, String what) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a " + what + " has 1 to " + MAX_NAME + " printable characters");
        }
        return n;
    }

    /** @throws IllegalArgumentException for a bad or taken name */
    public CircleView create(String name) {
        String n = checkedName(name, "circle name");
        Circle c = circles.create(n, false, clock.instant())
                .orElseThrow(() -> new IllegalArgumentException("there is a circle named " + n + " already"));
        LOG.infof("Circle '%s' created", n);
        rooms.circleCreated(c, List.of());
        return new CircleView(c.name(), false, List.of());
    }

    /**
     * Deletes a circle; its members leave it first.
     *
     * @throws IllegalArgumentException for the default circle
     * @throws java.util.NoSuchElementException if there is no such circle
     */
    public void delete(String name) {
        Circle c = circles.byName(name).orElseThrow(() -> new java.util.NoSuchElementException("no circle " + name));
        if (c.isDefault()) {
            throw new IllegalArgumentException("the default circle cannot be deleted");
        }
        for (String member : circles.members(c.id())) {
            removeMember(name, member);
        }
        // The rooms go with the circle: members-only rooms without members would only linger.
        rooms.circleDeleted(c);
        circles.delete(c.id());
        LOG.infof("Circle '%s' deleted", name);
    }

    /** Localparts of a circle's rooms on the MUC service. */
    public List<String> rooms(String name) {
        Circle c = circles.byName(name).orElseThrow(() -> new java.util.NoSuchElementException("no circle " + name));
        return circles.rooms(c.id());
    }

    /**
     * Gives a circle another group chat titled {@code title}: its members are affiliated and get an autojoin
     * bookmark, as for the circle's own room; later members get it too.
     *
     * @return the new room's localpart
     */
    public String addRoom(String name, String title) {
        Circle c = circles.byName(name).orElseThrow(() -> new java.util.NoSuchElementException("no circle " + name));
        String t = checkedName(title, "room title");
        return rooms.roomAdded(c, t, circles.members(c.id()));
    }

    /**
     * Removes one of a circle's rooms: bookmarks go, the room is destroyed.
     *
     * @throws IllegalArgumentException for the circle's last room (every circle has a group chat)
     */
    public void removeRoom(String name, String room) {
        Circle c = circles.byName(name).orElseThrow(() -> new java.util.NoSuchElementException("no circle " + name));
        List<String> linked = circles.rooms(c.id());
        if (!linked.contains(room)) {
            throw new java.util.NoSuchElementException("circle " + name + " has no room " + room);
        }
        if (linked.size() == 1) {
            throw new IllegalArgumentException("a circle keeps at least one room; delete the circle instead");
        }
        circles.unlinkRoom(c.id(), room);
        rooms.roomRemoved(c, room, circles.members(c.id()));
        LOG.infof("Room %s removed from circle '%s'", room, name);
    }

    /** Adds an account to a circle; false if it was a member already. */
    public boolean addMember(String name, String account) {
        Circle c = circles.byName(name).orElseThrow(() -> new java.util.NoSuchElementException("no circle " + name));
        String member = accounts.localpartOf(account);
        if (!accounts.exists(member)) {
            throw new java.util.NoSuchElementException("no account " + member);
        }
        List<String> others = circles.members(c.id());
        if (!circles.addMember(c.id(), member, clock.instant())) {
            return false;
        }
        for (String other : others) {
            roster.befriend(member, other, c.name());
        }
        rooms.memberAdded(c, member);
        LOG.infof("%s joined circle '%s'", member, c.name());
        return true;
    }

    /** Removes an account from a circle; false if it was no member. */
    public boolean removeMember(String name, String account) {
        Circle c = circles.byName(name).orElseThrow(() -> new java.util.NoSuchElementException("no circle " + name));
        String member = accounts.localpartOf(account);
        if (!circles.removeMember(c.id(), member)) {
            return false;
        }
        for (String other : circles.members(c.id())) {
            roster.unfriend(member, other, c.name(), !circles.sharedCircles(member, other).isEmpty());
        }
        rooms.memberRemoved(c, member);
        LOG.infof("%s left circle '%s'", member, c.name());
        return true;
    }
}
