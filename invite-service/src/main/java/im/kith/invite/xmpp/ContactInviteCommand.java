package im.kith.invite.xmpp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.invite.InviteConfig;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.ext.adhoc.AdHocCommand;
import im.kith.xmpp.ext.adhoc.AdHocResult;
import im.kith.xmpp.ext.adhoc.AdHocStep;

/**
 * XEP-0401 §4.1 {@code urn:xmpp:invite#invite}: a contact invite from the requester, completed at once.
 * Users may run it when {@code KITH_USER_INVITES} is true; admins always.
 */
@ApplicationScoped
public class ContactInviteCommand implements AdHocCommand {
    private final InviteService invites;
    private final boolean userInvites;

    ContactInviteCommand(InviteService invites, InviteConfig config) {
        this.invites = invites;
        this.userInvites = config.userInvites();
    }

    @Override
    public String node() {
        return InviteCommands.NODE_INVITE;
    }

    @Override
    public String name() {
        return "Invite someone";
    }

    @Override
    public boolean allows(Role role) {
        return role == Role.ADMIN || role == Role.USER && userInvites;
    }

    @Override
    public CompletionStage<AdHocResult> step(AdHocStep step) {
        String localpart = step.requester().local();
        return CompletableFuture.completedFuture(InviteCommands.completed(invites.create(new InviteRequest(
                InviteKind.CONTACT, null, null, localpart, localpart, null, 1, null, List.of()))));
    }
}
