package im.kith.xmpp.s2s;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import im.kith.xmpp.account.AccountCreated;
import im.kith.xmpp.account.AccountRemoved;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.account.RoleChanged;
import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.jid.Jid;

/**
 * Accounts kept off federation: with {@link FederationConfig#limitedLocalOnly()} on, accounts with the
 * {@link Role#LIMITED} role talk only to this server's users and services. The set is loaded at start-up
 * and kept current from the account events, so the check on each stanza needs no database query.
 */
@ApplicationScoped
public class LocalOnlyAccounts {
    private static final Logger LOG = Logger.getLogger(LocalOnlyAccounts.class);

    private final boolean enabled;
    private final String domain;
    private final AccountService accounts;
    private final Set<String> limited = ConcurrentHashMap.newKeySet();

    @Inject
    public LocalOnlyAccounts(FederationConfig config, NodeConfig node, AccountService accounts) {
        this.enabled = config.limitedLocalOnly();
        this.domain = Jid.normalizeDomain(node.domain());
        this.accounts = accounts;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            limited.addAll(accounts.withRole(Role.LIMITED));
            LOG.debugf("%d limited accounts are kept off federation", limited.size());
        }
    }

    void created(@Observes AccountCreated event) {
        if (event.account().role() == Role.LIMITED) {
            limited.add(event.account().localpart());
        }
    }

    void roleChanged(@Observes RoleChanged event) {
        if (event.role() == Role.LIMITED) {
            limited.add(event.localpart());
        } else {
            limited.remove(event.localpart());
        }
    }

    void removed(@Observes AccountRemoved event) {
        limited.remove(event.localpart());
    }

    /** Whether {@code jid} is one of this server's accounts that may not talk to other servers. */
    public boolean keptLocal(Jid jid) {
        return enabled && jid != null && jid.local() != null && jid.domain().equals(domain)
                && limited.contains(jid.local());
    }
}
