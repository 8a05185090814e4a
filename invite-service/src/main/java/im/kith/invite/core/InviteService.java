package im.kith.invite.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.invite.InviteConfig;
import im.kith.invite.store.Circle;
import im.kith.invite.store.CircleRepository;
import im.kith.invite.store.Invite;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteRepository;
import im.kith.invite.store.InviteView;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/**
 * Creating, finding, listing and revoking invites. Blocking: call off the event loop. Tokens are
 * returned once, by {@link #create}, and never logged.
 */
@ApplicationScoped
public class InviteService {
    /** Shortest lifetime of an invite. */
    public static final Duration MIN_EXPIRY = Duration.ofHours(1);
    /** Longest lifetime of an invite. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(28);
    /** Most uses of one invite. */
    public static final int MAX_USES = 1000;
    private static final Logger LOG = Logger.getLogger(InviteService.class);

    private final InviteRepository invites;
    private final CircleRepository circles;
    private final InviteTokens tokens;
    private final InviteLinks links;
    private final AccountService accounts;
    private final InviteConfig config;
    private final Clock clock;

    InviteService(InviteRepository invites, CircleRepository circles, InviteTokens tokens, InviteLinks links,
            AccountService accounts, InviteConfig config, Clock clock) {
        this.invites = invites;
        this.circles = circles;
        this.tokens = tokens;
        this.links = links;
        this.accounts = accounts;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Creates an invite.
     *
     * @throws IllegalArgumentException with a message for the requester when the request is not acceptable
     */
    public CreatedInvite create(InviteRequest r) {
        Duration expiry = r.expiresIn() != null ? r.expiresIn()
                : r.kind() == InviteKind.RESET ? config.invites().resetExpiry() : config.invites().defaultExpiry();
        if (expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("an invite must expire after 1 hour to 4 weeks");
        }
        if (r.maxUses() < 1 || r.maxUses() > MAX_USES) {
            throw new IllegalArgumentException("uses must be between 1 and " + MAX_USES);
        }
        String username = r.username() == null || r.username().isBlank() ? null : accounts.localpartOf(r.username());
        if (r.kind() == InviteKind.RESET) {
            if (username == null || !accounts.exists(username)) {
                throw new IllegalArgumentException("a password reset needs an existing account");
            }
            if (r.maxUses() != 1) {
                throw new IllegalArgumentException("a password reset can be used once");
            }
        } else if (username != null) {
            if (accounts.exists(username) || invites.reserved(username, -1, clock.instant())) {
                throw new IllegalArgumentException("the name " + username + " is taken");
            }
            if (r.maxUses() != 1) {
                throw new IllegalArgumentException("an invite with a fixed name can be used once");
            }
        }
        String inviter = null;
        if (r.kind() == InviteKind.CONTACT) {
            if (r.inviter() == null || !accounts.exists(r.inviter())) {
                throw new IllegalArgumentException("a contact invite needs an inviting account");
            }
            inviter = accounts.localpartOf(r.inviter());
        }
        Role role = r.kind() == InviteKind.ADMIN ? Role.ADMIN : r.role() != null ? r.role() : Role.USER;
        Set<Circle> joined = new LinkedHashSet<>();
        for (String name : r.circles()) {
            joined.add(circles.byName(name).orElseThrow(() -> new IllegalArgumentException("no circle " + name)));
        }
        String token = tokens.generate();
        Instant now = clock.instant();
        InviteView view = invites.insert(new Invite(tokens.hash(token), r.kind(), role, username, inviter,
                r.createdBy(), blankToNull(r.note()), r.maxUses(), now, now.plus(expiry), joined));
        LOG.infof("Invite %d created by %s (%s, %d use(s), expires %s)", view.id(), r.createdBy(),
                r.kind().name().toLowerCase(java.util.Locale.ROOT), r.maxUses(), view.expiresAt());
        return new CreatedInvite(view, token, links.landingUrl(token), links.xmppUri(view, token));
    }

    /** The invite of a token, if the token is well-formed and known. */
    public Optional<InviteView> find(String token) {
        if (!tokens.wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = tokens.hash(token);
        return invites.findByHash(hash);
    }

    public List<InviteView> list() {
        return invites.list(500);
    }

    /** Revokes an invite; false if there is no such open invite. */
    public boolean revoke(long id) {
        boolean revoked = invites.revoke(id, clock.instant());
        if (revoked) {
            LOG.infof("Invite %d revoked", id);
        }
        return revoked;
    }

    public Optional<InviteView> byId(long id) {
        return invites.find(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
