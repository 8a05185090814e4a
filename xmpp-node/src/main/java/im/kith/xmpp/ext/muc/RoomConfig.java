package im.kith.xmpp.ext.muc;

/**
 * The configuration of a room: the {@code muc#roomconfig} fields of XEP-0045 §10.2 that Kith supports.
 *
 * @param password the room secret; null when the room is not password-protected
 * @param historyLength messages sent on join when the client does not ask for fewer
 * @param archiving whether groupchat messages are archived (history and XEP-0313 queries)
 */
public record RoomConfig(String name, String description, boolean persistent, boolean publicRoom,
        boolean membersOnly, boolean moderated, String password, Whois whois, int maxUsers, boolean allowInvites,
        boolean changeSubject, int historyLength, boolean archiving) {

    /** The configuration of a new instant room (§10.1.2): temporary, public, open, semi-anonymous. */
    public static RoomConfig defaults(MucConfig config) {
        return new RoomConfig(null, null, false, true, false, false, null, Whois.MODERATORS, config.maxUsers(),
                false, false, Math.min(config.historyLength(), config.maxHistory()), true);
    }

    public boolean passwordProtected() {
        return password != null;
    }

    public boolean nonAnonymous() {
        return whois == Whois.ANYONE;
    }

    public RoomConfig asMembersOnly(String newName) {
        return new RoomConfig(newName == null ? name : newName, description, true, false, true, moderated, password,
                whois, maxUsers, allowInvites, changeSubject, historyLength, archiving);
    }
}
