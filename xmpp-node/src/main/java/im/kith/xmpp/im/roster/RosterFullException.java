package im.kith.xmpp.im.roster;

/** Adding a contact would exceed the configured roster size ({@code kith.roster.max-items}). */
public final class RosterFullException extends RuntimeException {

    public RosterFullException(int limit) {
        super("the roster is limited to " + limit + " contacts", null, false, false);
    }
}
