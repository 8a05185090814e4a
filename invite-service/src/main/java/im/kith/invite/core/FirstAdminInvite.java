package im.kith.invite.core;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import im.kith.invite.InviteConfig;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteRepository;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import io.quarkus.runtime.StartupEvent;

/**
 * On a start with no administrator and no open admin invite, creates a single-use admin invite and logs
 * its URL once: the way the first administrator gets in. The token is not stored, so later starts do not
 * repeat it; if it is lost, {@code kithctl invite create --admin} makes another.
 */
@ApplicationScoped
public class FirstAdminInvite {
    private static final Logger LOG = Logger.getLogger(FirstAdminInvite.class);

    private final InviteService invites;
    private final InviteRepository repository;
    private final AccountService accounts;
    private final InviteConfig config;
    private final Clock clock;

    FirstAdminInvite(InviteService invites, InviteRepository repository, AccountService accounts, InviteConfig config,
            Clock clock) {
        this.invites = invites;
        this.repository = repository;
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.invites().firstAdmin()) {
            return;
        }
        boolean adminExists = accounts.list().stream().anyMatch(a -> a.role() == Role.ADMIN);
        if (adminExists || repository.countOpen(InviteKind.ADMIN, clock.instant()) > 0) {
            return;
        }
        CreatedInvite created = invites.create(new InviteRequest(InviteKind.ADMIN, Role.ADMIN, null, null,
                "first start", "first administrator", 1, null, List.of()));
        LOG.warnf("No administrator yet. Open this one-time link to create the first admin account"
                + " (valid until %s): %s", created.invite().expiresAt(), created.landingUrl());
    }
}
