package im.kith.xmpp.ext.muc;

import im.kith.xmpp.stanza.StanzaErrorCondition;

/**
 * The privilege tables of XEP-0045 §5.1.2 (roles) and §5.2.1 (affiliations) as checks; each answers
 * the error condition that refuses a change, or null when it is allowed.
 */
final class Permissions {
    private Permissions() {
    }

    /**
     * May an actor give an occupant a role? §9.1 kick and §9.6/§9.7 voice need a moderator; §9.3/§9.4
     * granting or revoking moderator needs an admin or owner; nobody changes the role of an admin or owner
     * unless they outrank them (§9.1: not-allowed).
     */
    static StanzaErrorCondition roleChange(Affiliation actorAffiliation, MucRole actorRole, Affiliation targetAffiliation,
            MucRole targetRole, MucRole newRole) {
        if (actorRole != MucRole.MODERATOR) {
            return StanzaErrorCondition.FORBIDDEN;
        }
        boolean touchesModerator = newRole == MucRole.MODERATOR || targetRole == MucRole.MODERATOR;
        if (touchesModerator && !actorAffiliation.administers()) {
            return StanzaErrorCondition.FORBIDDEN;
        }
        if (targetAffiliation.administers() && !actorAffiliation.above(targetAffiliation)) {
            return StanzaErrorCondition.NOT_ALLOWED;
        }
        return null;
    }

    /**
     * May an actor change an affiliation? §10.3–§10.7: owners change any; admins only between none,
     * member and outcast, and never the affiliation of an admin or owner (§9.4: not-allowed).
     */
    static StanzaErrorCondition affiliationChange(Affiliation actor, Affiliation current, Affiliation wanted) {
        if (actor == Affiliation.OWNER) {
            return null;
        }
        if (actor != Affiliation.ADMIN) {
            return StanzaErrorCondition.FORBIDDEN;
        }
        if (wanted.administers()) {
            return StanzaErrorCondition.FORBIDDEN;
        }
        return current.administers() ? StanzaErrorCondition.NOT_ALLOWED : null;
    }

    /** §9.5 / §10.5: moderators list roles; admins and owners list affiliations. */
    static boolean mayListRoles(MucRole actorRole) {
        return actorRole == MucRole.MODERATOR;
    }

    static boolean mayListAffiliations(Affiliation actor) {
        return actor.administers();
    }
}
