package im.kith.xmpp.ext.muc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import im.kith.xmpp.jid.Jid;

/**
 * The in-memory state of one live room: configuration, affiliations, occupants and subject. Confined
 * to the room's {@link SerialQueue}: only tasks of that queue read or change it, so it has no locks.
 */
final class Room {
    private final String localpart;
    private final Jid jid;
    private final byte[] secret;
    private RoomConfig config;
    private final Map<Jid, AffiliationEntry> affiliations;
    /** Occupants by nickname, in joining order. */
    private final Map<String, Occupant> occupants = new LinkedHashMap<>();
    private final Map<Jid, String> nickByJid = new HashMap<>();
    private String subject;
    private String subjectBy;
    /** §10.1.1: a new room is locked until its owner configures it or accepts the defaults. */
    private boolean locked;
    private final IqForwarding iqForwarding = new IqForwarding();

    Room(String localpart, Jid jid, byte[] secret, RoomConfig config, Map<Jid, AffiliationEntry> affiliations,
            String subject, String subjectBy, boolean locked) {
        this.localpart = localpart;
        this.jid = jid;
        this.secret = secret.clone();
        this.config = config;
        this.affiliations = new HashMap<>(affiliations);
        this.subject = subject;
        this.subjectBy = subjectBy;
        this.locked = locked;
    }

    IqForwarding iqForwarding() {
        return iqForwarding;
    }

    String localpart() {
        return localpart;
    }

    /** The room's bare JID. */
    Jid jid() {
        return jid;
    }

    byte[] secret() {
        return secret.clone();
    }

    RoomConfig config() {
        return config;
    }

    void config(RoomConfig newConfig) {
        this.config = newConfig;
    }

    boolean locked() {
        return locked;
    }

    void unlock() {
        this.locked = false;
    }

    String subject() {
        return subject;
    }

    String subjectBy() {
        return subjectBy;
    }

    void subject(String text, String byNick) {
        this.subject = text;
        this.subjectBy = byNick;
    }

    /** The affiliation of a JID (its bare form counts, §5.2). */
    Affiliation affiliation(Jid who) {
        AffiliationEntry e = affiliations.get(who.bare());
        return e == null ? Affiliation.NONE : e.affiliation();
    }

    AffiliationEntry affiliationEntry(Jid bare) {
        return affiliations.get(bare);
    }

    /** Sets or (with NONE and no reserved nick) removes an affiliation. */
    void affiliation(Jid bare, AffiliationEntry entry) {
        if (entry == null || entry.affiliation() == Affiliation.NONE && entry.nick() == null) {
            affiliations.remove(bare);
        } else {
            affiliations.put(bare, entry);
        }
    }

    Map<Jid, AffiliationEntry> affiliations() {
        return Map.copyOf(affiliations);
    }

    /** Bare JIDs with exactly this affiliation. */
    List<Jid> withAffiliation(Affiliation a) {
        List<Jid> out = new ArrayList<>();
        affiliations.forEach((j, e) -> {
            if (e.affiliation() == a) {
                out.add(j);
            }
        });
        return out;
    }

    /** Who reserved a nickname (§7.10), or null. */
    Jid nickOwner(String nick) {
        for (Map.Entry<Jid, AffiliationEntry> e : affiliations.entrySet()) {
            if (nick.equals(e.getValue().nick())) {
                return e.getKey();
            }
        }
        return null;
    }

    Occupant occupant(String nick) {
        return occupants.get(nick);
    }

    Occupant occupantByJid(Jid fullJid) {
        String nick = nickByJid.get(fullJid);
        return nick == null ? null : occupants.get(nick);
    }

    /** Occupants whose real bare JID is this one. */
    List<Occupant> occupantsOf(Jid bare) {
        return occupants.values().stream().filter(o -> o.jid().bare().equals(bare)).toList();
    }

    Collection<Occupant> occupants() {
        return List.copyOf(occupants.values());
    }

    int occupantCount() {
        return occupants.size();
    }

    boolean empty() {
        return occupants.isEmpty();
    }

    void put(Occupant o) {
        Occupant old = occupantByJid(o.jid());
        if (old != null && !old.nick().equals(o.nick())) {
            occupants.remove(old.nick());
        }
        occupants.put(o.nick(), o);
        nickByJid.put(o.jid(), o.nick());
    }

    void remove(Occupant o) {
        occupants.remove(o.nick());
        nickByJid.remove(o.jid());
    }

    /** The role an affiliation gets on entering (§5.1: owners and admins moderate; visitors in moderated rooms). */
    MucRole defaultRole(Affiliation a) {
        return switch (a) {
            case OWNER, ADMIN -> MucRole.MODERATOR;
            case MEMBER -> MucRole.PARTICIPANT;
            case NONE -> config.moderated() ? MucRole.VISITOR : MucRole.PARTICIPANT;
            case OUTCAST -> MucRole.NONE;
        };
    }

    /** Whether an occupant may see real JIDs (§4.1: everyone in non-anonymous rooms, moderators otherwise). */
    boolean seesRealJids(Occupant viewer) {
        return config.nonAnonymous() || viewer.role() == MucRole.MODERATOR;
    }
}
