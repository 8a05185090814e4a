package im.kith.xmpp.ext.adhoc;

import java.util.concurrent.CompletionStage;

import im.kith.xmpp.account.Role;

/**
 * A command offered on the server JID (XEP-0050). Provide one as an {@code @ApplicationScoped} bean; the
 * framework lists it to the accounts it {@link #allows}, keeps the sessions and renders the replies.
 * {@link #step} is called on a virtual thread, never on an event loop, so it may block (JDBC, hashing).
 */
public interface AdHocCommand {

    /** The command's node, unique on the server, e.g. {@code http://jabber.org/protocol/admin#add-user}. */
    String node();

    /** Human-readable name shown in command lists. */
    String name();

    /** Whether an account with this role may list and run the command. */
    boolean allows(Role role);

    /**
     * Runs one stage: the first with {@link AdHocAction#EXECUTE} and no state, later ones with the
     * submitted form and the state the previous stage returned. Fails with a
     * {@link im.kith.xmpp.stanza.StanzaErrorException} for bad input.
     */
    CompletionStage<AdHocResult> step(AdHocStep step);
}
