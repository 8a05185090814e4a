package im.kith.invite.xmpp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.ext.adhoc.AdHocCommand;
import im.kith.xmpp.ext.adhoc.AdHocResult;
import im.kith.xmpp.ext.adhoc.AdHocStep;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;

/**
 * XEP-0401 §4.3 {@code urn:xmpp:invite#create-account} for admins: a form asking for an optional
 * username and whether the admin becomes the new user's contact, then an account invite.
 */
@ApplicationScoped
public class CreateAccountCommand implements AdHocCommand {
    private final InviteService invites;

    CreateAccountCommand(InviteService invites) {
        this.invites = invites;
    }

    @Override
    public String node() {
        return InviteCommands.NODE_CREATE;
    }

    @Override
    public String name() {
        return "Invite a new user";
    }

    @Override
    public boolean allows(Role role) {
        return role == Role.ADMIN;
    }

    @Override
    public CompletionStage<AdHocResult> step(AdHocStep step) {
        if (step.form().isEmpty()) {
            return CompletableFuture.completedFuture(new AdHocResult.Executing(
                    DataForms.form("form", "urn:xmpp:invite#create-account", "Invite a new user")
                            .child(DataForms.field("username", "text-single", "Username (optional)", null, false))
                            .child(DataForms.field("roster-subscription", "boolean", "Add me to their contacts",
                                    "false", false))
                            .build(), null, true));
        }
        String localpart = step.requester().local();
        String username = step.form().first("username");
        String subscription = step.form().first("roster-subscription");
        boolean contact = "true".equals(subscription) || "1".equals(subscription);
        try {
            return CompletableFuture.completedFuture(InviteCommands.completed(invites.create(new InviteRequest(
                    contact ? InviteKind.CONTACT : InviteKind.ACCOUNT, null,
                    username == null || username.isBlank() ? null : username, contact ? localpart : null, localpart,
                    null, 1, null, List.of()))));
        } catch (IllegalArgumentException | AccountException e) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, e.getMessage());
        }
    }
}
