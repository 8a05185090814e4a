package im.kith.invite.store;

import java.time.Instant;
import java.util.List;

import im.kith.xmpp.account.Role;

/**
 * A read-only snapshot of an invite, safe to pass between threads and into templates.
 *
 * @param circles names of the circles the new account joins
 */
public record InviteView(long id, InviteKind kind, Role role, String username, String inviter, String createdBy,
        String note, int maxUses, int uses, Instant createdAt, Instant expiresAt, Instant revokedAt,
        List<String> circles) {

    public InviteView {
        circles = List.copyOf(circles);
    }

    static InviteView of(Invite i) {
        return new InviteView(i.id(), i.kind(), i.role(), i.username(), i.inviter(), i.createdBy(), i.note(),
                i.maxUses(), i.uses(), i.createdAt(), i.expiresAt(), i.revokedAt(),
                i.circles().stream().map(Circle::name).sorted().toList());
    }

    /** Where the invite stands at a given time. */
    public InviteState state(Instant now) {
        if (revokedAt != null) {
            return new InviteState.Revoked(revokedAt);
        }
        if (uses >= maxUses) {
            return new InviteState.UsedUp(uses);
        }
        if (!now.isBefore(expiresAt)) {
            return new InviteState.Expired(expiresAt);
        }
        return new InviteState.Open(maxUses - uses);
    }
}
