package im.kith.invite.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Persistence of circles and their members; every method is a blocking transaction. */
@ApplicationScoped
public class CircleRepository {
    private final EntityManager em;

    CircleRepository(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Optional<Circle> byName(String name) {
        return em.createQuery("select c from Circle c where c.name = :n", Circle.class).setParameter("n", name)
                .getResultStream().findFirst();
    }

    @Transactional
    public Optional<Circle> byId(long id) {
        return Optional.ofNullable(em.find(Circle.class, id));
    }

    @Transactional
    public Optional<Circle> defaultCircle() {
        return em.createQuery("select c from Circle c where c.defaultCircle = true", Circle.class)
                .getResultStream().findFirst();
    }

    @Transactional
    public List<Circle> list() {
        return em.createQuery("select c from Circle c order by c.name", Circle.class).getResultList();
    }

    /** Creates a circle; empty if the name is taken. */
    @Transactional
    public Optional<Circle> create(String name, boolean isDefault, Instant now) {
        int inserted = em.createNativeQuery("INSERT INTO circles (name, is_default, created_at) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING")
                .setParameter(1, name).setParameter(2, isDefault).setParameter(3, now).executeUpdate();
        return inserted == 1 ? byName(name) : Optional.empty();
    }

    @Transactional
    public boolean delete(long id) {
        return em.createQuery("delete from Circle c where c.id = :id and c.defaultCircle = false")
                .setParameter("id", id).executeUpdate() == 1;
    }

    /** Members of a circle, by localpart. */
    @Transactional
    public List<String> members(long circleId) {
        return em.createQuery("select m.account from CircleMember m where m.circleId = :c order by m.account",
                String.class).setParameter("c", circleId).getResultList();
    }

    /** Adds a member; false if it was one already. */
    @Transactional
    public boolean addMember(long circleId, String account, Instant now) {
        return em.createNativeQuery("INSERT INTO circle_members (circle_id, account, joined_at) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING")
                .setParameter(1, circleId).setParameter(2, account).setParameter(3, now).executeUpdate() == 1;
    }

    @Transactional
    public boolean removeMember(long circleId, String account) {
        return em.createQuery("delete from CircleMember m where m.circleId = :c and m.account = :a")
                .setParameter("c", circleId).setParameter("a", account).executeUpdate() == 1;
    }

    /** Names of the circles both accounts are members of. */
    @Transactional
    public List<String> sharedCircles(String a, String b) {
        return em.createQuery("select c.name from Circle c where c.id in (select m.circleId from CircleMember m"
                + " where m.account = :a) and c.id in (select m.circleId from CircleMember m where m.account = :b)"
                + " order by c.name", String.class).setParameter("a", a).setParameter("b", b).getResultList();
    }

    /** Removes an account from every circle (the account was deleted); returns the circle ids it left. */
    @Transactional
    public List<Long> removeEverywhere(String account) {
        List<Long> ids = em.createQuery("select m.circleId from CircleMember m where m.account = :a", Long.class)
                .setParameter("a", account).getResultList();
        em.createQuery("delete from CircleMember m where m.account = :a").setParameter("a", account).executeUpdate();
        return ids;
    }

    /** Localparts of a circle's rooms (table {@code circle_rooms}, V52), oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> rooms(long circleId) {
        return em.createNativeQuery("SELECT room FROM circle_rooms WHERE circle_id = ?1 ORDER BY room", String.class)
                .setParameter(1, circleId).getResultList();
    }

    /** The title of a circle's room, empty when it is named after the circle (V53). */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.Optional<String> roomTitle(String room) {
        List<String> titles = em.createNativeQuery("SELECT title FROM circle_rooms WHERE room = ?1 AND title IS NOT NULL",
                String.class).setParameter(1, room).getResultList();
        return titles.stream().findFirst();
    }

    /** Links a room with its own title to a circle; false if the room belongs to a circle already. */
    @Transactional
    public boolean linkRoom(long circleId, String room, String title) {
        return em.createNativeQuery("INSERT INTO circle_rooms (circle_id, room, title) VALUES (?1, ?2, ?3)"
                + " ON CONFLICT DO NOTHING").setParameter(1, circleId).setParameter(2, room).setParameter(3, title)
                .executeUpdate() == 1;
    }

    /** Unlinks a room from its circle; false if it was not that circle's. */
    @Transactional
    public boolean unlinkRoom(long circleId, String room) {
        return em.createNativeQuery("DELETE FROM circle_rooms WHERE circle_id = ?1 AND room = ?2")
                .setParameter(1, circleId).setParameter(2, room).executeUpdate() == 1;
    }

    /** Whether some circle has a room with this localpart. */
    @Transactional
    public boolean roomLinked(String room) {
        return !em.createNativeQuery("SELECT 1 FROM circle_rooms WHERE room = ?1").setParameter(1, room)
                .getResultList().isEmpty();
    }

    /** Links a room to a circle; false if the room belongs to a circle already. */
    @Transactional
    public boolean linkRoom(long circleId, String room) {
        return em.createNativeQuery("INSERT INTO circle_rooms (circle_id, room) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, circleId).setParameter(2, room).executeUpdate() == 1;
    }

    /** Circles that have no room yet (created before circles had group chats, or whose room failed). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Circle> withoutRooms() {
        return em.createNativeQuery("SELECT c.* FROM circles c WHERE NOT EXISTS"
                + " (SELECT 1 FROM circle_rooms r WHERE r.circle_id = c.id) ORDER BY c.id", Circle.class).getResultList();
    }
}
