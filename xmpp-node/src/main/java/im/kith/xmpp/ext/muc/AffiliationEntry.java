package im.kith.xmpp.ext.muc;

/** A stored affiliation of a bare JID, with the nickname it reserved (§7.10) and the reason given. */
public record AffiliationEntry(Affiliation affiliation, String nick, String reason) {

    public AffiliationEntry withNick(String newNick) {
        return new AffiliationEntry(affiliation, newNick, reason);
    }
}
