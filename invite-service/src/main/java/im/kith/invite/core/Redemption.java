package im.kith.invite.core;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.invite.circle.CircleService;
import im.kith.invite.circle.RosterLinks;
import im.kith.invite.core.RedemptionException.Reason;
import im.kith.invite.store.InviteKind;
import im.kith.invite.store.InviteRepository;
import im.kith.invite.store.InviteState;
import im.kith.invite.store.InviteView;
import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;

/**
 * Redeeming invites, and registering without one where that is open. Blocking: call on a virtual thread.
 *
 * <p>A redemption first validates the name and password, then takes one use of the invite with a
 * conditional UPDATE ({@link InviteRepository#claim}), then creates the account; if creating fails (the
 * name was taken meanwhile) the use is given back. Of two concurrent redemptions of the last use exactly
 * one creates an account. Failed attempts with bad tokens count against the client's address
 * ({@link RedemptionThrottle}).
 */
@ApplicationScoped
public class Redemption {
    /** Shortest password accepted from invitees. */
    public static final int MIN_PASSWORD = 10;
    private static final Logger LOG = Logger.getLogger(Redemption.class);

    private final InviteService invites;
    private final InviteRepository repository;
    private final AccountService accounts;
    private final CircleService circles;
    private final RosterLinks roster;
    private final RedemptionThrottle throttle;
    private final Clock clock;

    Redemption(InviteService invites, InviteRepository repository, AccountService accounts, CircleService circles,
            RosterLinks roster, RedemptionThrottle throttle, Clock clock) {
        this.invites = invites;
        this.repository = repository;
        this.accounts = accounts;
        this.circles = circles;
        this.roster = roster;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * The open invite of a token.
     *
     * @param address the client's address, for the failed-attempt limit
     * @throws RedemptionException THROTTLED, UNKNOWN, EXPIRED, USED or REVOKED
     */
    public InviteView check(String token, String address) {
        return check(token, address, clock.instant());
    }

    /** The invite of a token as it was at {@code at} (when the token was presented, XEP-0445 §5). */
    private InviteView check(String token, String address, Instant at) {
        if (!throttle.mayTry(address)) {
            throw new RedemptionException(Reason.THROTTLED, "too many failed attempts, try again later");
        }
        Optional<InviteView> found = invites.find(token);
        if (found.isEmpty()) {
            throttle.failed(address);
            throw new RedemptionException(Reason.UNKNOWN, "the invite is not valid");
        }
        InviteView invite = found.get();
        InviteState state = invite.state(at);
        if (!state.usable()) {
            throttle.failed(address);
            throw unusable(state);
        }
        return invite;
    }

    /**
     * Redeems an invite: creates the account (or sets the new password of a reset), then applies what the
     * invite promises (circles, mutual subscription with the inviter).
     *
     * @param username the chosen name; ignored when the invite fixes it
     * @param validAt  when the token was found valid: XEP-0445 §5 says an expiry MUST only be checked when
     *                 the token is presented, so a stream that presented it earlier passes that time
     */
    public Redeemed redeem(String token, String username, String password, String address, Instant validAt) {
        InviteView invite = check(token, address, validAt != null ? validAt : clock.instant());
        String name = nameFor(invite, username);
        checkPassword(password);
        if (invite.kind().createsAccount()) {
            requireFree(name, invite.id());
        }
        if (!repository.claim(invite.id(), validAt != null ? validAt : clock.instant())) {
            throw unusable(repository.find(invite.id()).map(v -> v.state(clock.instant()))
                    .orElse(new InviteState.UsedUp(0)));
        }
        Account account;
        try {
            if (invite.kind() == InviteKind.RESET) {
                accounts.changePassword(name, password);
                account = accounts.find(name).orElseThrow();
            } else {
                account = accounts.create(name, password, invite.role());
            }
        } catch (AccountException e) {
            repository.release(invite.id());
            throw switch (e.reason()) {
                case EXISTS -> new RedemptionException(Reason.NAME_TAKEN, "the name " + name + " is taken");
                case NOT_FOUND -> new RedemptionException(Reason.UNKNOWN, "the account no longer exists");
                case INVALID -> new RedemptionException(Reason.PASSWORD_INVALID, "the password is not acceptable");
            };
        } catch (RuntimeException e) {
            repository.release(invite.id());
            throw e;
        }
        repository.recordRedemption(invite.id(), name, clock.instant());
        LOG.infof("Invite %d redeemed: %s (%s)", invite.id(), account.jid(), invite.kind());
        applyPromises(invite, name);
        return new Redeemed(account.jid(), invite.kind());
    }

    /**
     * Redeems a contact invite presented in a subscription request (XEP-0379 §3.4): valid when the token
     * belongs to an open contact invite of {@code inviter}. Takes one use.
     *
     * @param contact the requesting JID (possibly of another server)
     */
    public boolean redeemSubscription(String token, String inviter, im.kith.xmpp.jid.Jid contact) {
        Optional<InviteView> found = invites.find(token);
        if (found.isEmpty() || found.get().kind() != InviteKind.CONTACT || !inviter.equals(found.get().inviter())) {
            return false;
        }
        InviteView invite = found.get();
        if (!repository.claim(invite.id(), clock.instant())) {
            return false;
        }
        repository.recordRedemption(invite.id(), contact.bare().toString(), clock.instant());
        LOG.infof("Invite %d redeemed by a subscription of %s to %s", invite.id(), contact.bare(), inviter);
        return true;
    }

    /** Registration without an invite ({@code KITH_REGISTRATION=open}), limited per address. */
    public Redeemed registerOpenly(String username, String password, String address) {
        if (!throttle.mayRegisterOpenly(address)) {
            throw new RedemptionException(Reason.THROTTLED, "too many registrations from your address, try later");
        }
        String name = validName(username);
        checkPassword(password);
        requireFree(name, -1);
        try {
            Account account = accounts.create(name, password, Role.USER);
            throttle.registeredOpenly(address);
            circles.defaultCircle().ifPresent(c -> joinQuietly(c, name));
            return new Redeemed(account.jid(), InviteKind.ACCOUNT);
        } catch (AccountException e) {
            throw e.reason() == AccountException.Reason.EXISTS
                    ? new RedemptionException(Reason.NAME_TAKEN, "the name " + name + " is taken")
                    : new RedemptionException(Reason.PASSWORD_INVALID, "the password is not acceptable");
        }
    }

    private void applyPromises(InviteView invite, String name) {
        if (!invite.kind().createsAccount()) {
            return;
        }
        List<String> joined = invite.circles();
        if (joined.isEmpty() && invite.kind() != InviteKind.CONTACT) {
            joined = circles.defaultCircle().map(List::of).orElse(List.of());
        }
        joined.forEach(c -> joinQuietly(c, name));
        if (invite.kind() == InviteKind.CONTACT && invite.inviter() != null) {
            try {
                // XEP-0401 §5.2: the inviter learns of the new contact by a roster push.
                roster.befriend(invite.inviter(), name, null);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not subscribe %s and %s to each other", invite.inviter(), name);
            }
        }
    }

    private void joinQuietly(String circle, String name) {
        try {
            circles.addMember(circle, name);
        } catch (RuntimeException e) {
            // The account exists; a failed circle join must not undo it. Admins can add it later.
            LOG.errorf(e, "Could not add %s to circle '%s'", name, circle);
        }
    }

    private String nameFor(InviteView invite, String username) {
        if (invite.username() != null) {
            if (username != null && !username.isBlank() && !validName(username).equals(invite.username())) {
                throw new RedemptionException(Reason.NAME_INVALID, "this invite is for the name " + invite.username());
            }
            return invite.username();
        }
        return validName(username);
    }

    private String validName(String username) {
        if (username == null || username.isBlank() || username.indexOf('@') >= 0 || username.length() > 64) {
            throw new RedemptionException(Reason.NAME_INVALID, "choose a name without spaces or special characters");
        }
        try {
            String name = accounts.localpartOf(username.strip());
            if (name.chars().anyMatch(ch -> Character.isWhitespace(ch) || "/\"&'<>:".indexOf(ch) >= 0)) {
                throw new RedemptionException(Reason.NAME_INVALID, "choose a name without spaces or special characters");
            }
            return name;
        } catch (AccountException e) {
            throw new RedemptionException(Reason.NAME_INVALID, "choose a name without spaces or special characters");
        }
    }

    private void requireFree(String name, long inviteId) {
        if (accounts.exists(name) || repository.reserved(name, inviteId, clock.instant())) {
            throw new RedemptionException(Reason.NAME_TAKEN, "the name " + name + " is taken");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw new RedemptionException(Reason.PASSWORD_INVALID,
                    "the password needs at least " + MIN_PASSWORD + " characters");
        }
    }

    private static RedemptionException unusable(InviteState state) {
        return switch (state) {
            case InviteState.Expired e -> new RedemptionException(Reason.EXPIRED, "the invite has expired");
            case InviteState.UsedUp u -> new RedemptionException(Reason.USED, "the invite has been used");
            case InviteState.Revoked r -> new RedemptionException(Reason.REVOKED, "the invite was revoked");
            case InviteState.Open o -> new RedemptionException(Reason.USED, "the invite has been used");
        };
    }
}
