package im.kith.xmpp.ext.muc;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * The {@code muc#admin} protocol: moderator use cases (XEP-0045 §9: kick, voice, role lists) and
 * admin use cases (§10.3–§10.7 ban, member, admin and owner lists). A request with several items is
 * checked as a whole before any change is made. Runs on the room's queue.
 */
@ApplicationScoped
public class AdminHandler {
    private final PresenceHandler presence;
    private final RoomLifecycle lifecycle;
    private final Outbox out;

    @Inject
    public AdminHandler(PresenceHandler presence, RoomLifecycle lifecycle, Outbox out) {
        this.presence = presence;
        this.lifecycle = lifecycle;
        this.out = out;
    }

    private sealed interface Change {
    }

    private record RoleChange(Occupant target, MucRole role, String reason) implements Change {
    }

    private record AffiliationChange(Jid target, Affiliation affiliation, String reason) implements Change {
    }

    void get(Room room, Stanza iq) {
        Element item = iq.payload().child("item", MucNs.ADMIN);
        if (item == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "an <item/> with a role or affiliation is required");
        }
        Occupant actor = room.occupantByJid(iq.from());
        Affiliation actorAff = room.affiliation(iq.from());
        Element.Builder q = Element.builder("query", MucNs.ADMIN);
        MucRole role = MucRole.of(item.attribute("role"));
        Affiliation aff = Affiliation.of(item.attribute("affiliation"));
        if (role != null) {
            if (actor == null || !Permissions.mayListRoles(actor.role())) {
                throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only moderators may list roles");
            }
            for (Occupant o : room.occupants()) {
                if (o.role() == role) {
                    q.child(Element.builder("item", MucNs.ADMIN).attribute("nick", o.nick()).attribute("role", role.value())
                            .attribute("affiliation", room.affiliation(o.jid()).value()).attribute("jid", o.jid()).build());
                }
            }
        } else if (aff != null && aff != Affiliation.NONE) {
            if (!Permissions.mayListAffiliations(actorAff)) {
                throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only admins and owners may list affiliations");
            }
            for (Jid j : room.withAffiliation(aff)) {
                AffiliationEntry e = room.affiliationEntry(j);
                q.child(Element.builder("item", MucNs.ADMIN).attribute("affiliation", aff.value()).attribute("jid", j)
                        .attribute("nick", e.nick()).child(OccupantPresence.reason(e.reason()) == null ? null
                                : Element.builder("reason", MucNs.ADMIN).text(e.reason()).build()).build());
            }
        } else {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "unknown role or affiliation");
        }
        out.result(iq, q.build());
    }

    void set(Room room, Stanza iq) {
        List<Element> items = iq.payload().elements("item", MucNs.ADMIN);
        if (items.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "no <item/> to apply");
        }
        Occupant actor = room.occupantByJid(iq.from());
        Affiliation actorAff = room.affiliation(iq.from());
        List<Change> changes = new ArrayList<>();
        for (Element item : items) {
            changes.add(check(room, actor, actorAff, item));
        }
        String actorNick = actor == null ? null : actor.nick();
        for (Change c : changes) {
            switch (c) {
                case RoleChange rc -> applyRole(room, rc, actorNick);
                case AffiliationChange ac -> applyAffiliation(room, ac, actorNick);
            }
        }
        out.result(iq, null);
    }

    private Change check(Room room, Occupant actor, Affiliation actorAff, Element item) {
        String reason = item.childText("reason", MucNs.ADMIN);
        String roleAttr = item.attribute("role");
        String affAttr = item.attribute("affiliation");
        if (roleAttr != null) {
            MucRole role = MucRole.of(roleAttr);
            if (role == null || item.attribute("nick") == null) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "a role change needs a valid role and a nick");
            }
            Occupant target = room.occupant(item.attribute("nick"));
            if (target == null) {
                throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no occupant with this nick");
            }
            if (actor == null) {
                throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only occupants may change roles");
            }
            StanzaErrorCondition refusal = Permissions.roleChange(actorAff, actor.role(), room.affiliation(target.jid()),
                    target.role(), role);
            if (refusal != null) {
                throw new StanzaErrorException(refusal, "you may not change the role of this occupant");
            }
            return new RoleChange(target, role, reason);
        }
        Affiliation wanted = Affiliation.of(affAttr);
        if (wanted == null || item.attribute("jid") == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "an affiliation change needs a valid affiliation and a jid");
        }
        Jid target;
        try {
            target = Jid.parse(item.attribute("jid")).bare();
        } catch (JidException e) {
            throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, "'jid' is not a valid JID");
        }
        Affiliation current = room.affiliation(target);
        StanzaErrorCondition refusal = Permissions.affiliationChange(actorAff, current, wanted);
        if (refusal != null) {
            throw new StanzaErrorException(refusal, "you may not change this affiliation");
        }
        if (current == Affiliation.OWNER && wanted != Affiliation.OWNER && room.withAffiliation(Affiliation.OWNER).size() == 1) {
            // §10.7: a room keeps at least one owner.
            throw new StanzaErrorException(StanzaErrorCondition.CONFLICT, "the last owner cannot give up ownership");
        }
        return new AffiliationChange(target, wanted, reason);
    }

    private void applyRole(Room room, RoleChange c, String actorNick) {
        Occupant target = room.occupant(c.target().nick());
        if (target == null) {
            return;
        }
        if (c.role() == MucRole.NONE) {
            // §9.1: kicked, status 307, to the occupant and everyone else.
            presence.remove(room, target, OccupantPresence.of(room, target).unavailable().code(307)
                    .itemChild(OccupantPresence.actor(actorNick)).itemChild(OccupantPresence.reason(c.reason())));
            return;
        }
        Occupant changed = target.withRole(c.role());
        room.put(changed);
        presence.announce(room, changed, actorNick, c.reason());
    }

    private void applyAffiliation(Room room, AffiliationChange c, String actorNick) {
        AffiliationEntry old = room.affiliationEntry(c.target());
        String nick = old == null || c.affiliation() == Affiliation.OUTCAST || c.affiliation() == Affiliation.NONE ? null : old.nick();
        room.affiliation(c.target(), new AffiliationEntry(c.affiliation(), nick, c.reason()));
        lifecycle.saveAffiliation(room, c.target());
        presence.affiliationChanged(room, c.target(), c.affiliation(), actorNick, c.reason());
    }
}
