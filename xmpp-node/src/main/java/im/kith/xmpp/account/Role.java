package im.kith.xmpp.account;

/** What an account may do on the node. */
public enum Role {
    /** A restricted member, e.g. a guest: may chat, may not invite others. */
    LIMITED,
    /** A regular member of the community. */
    USER,
    /** May administer the node (accounts, invites, circles). */
    ADMIN
}
