package im.kith.invite.store;

import java.time.Instant;

/** Whether an invite can still be redeemed, and if not, why. */
public sealed interface InviteState {

    /** Whether redeeming is possible. */
    default boolean usable() {
        return this instanceof Open;
    }

    /** Redeemable {@code remaining} more times. */
    record Open(int remaining) implements InviteState {
    }

    /** Expired at {@code at}. */
    record Expired(Instant at) implements InviteState {
    }

    /** Every use has been redeemed. */
    record UsedUp(int uses) implements InviteState {
    }

    /** Revoked by an administrator or its creator. */
    record Revoked(Instant at) implements InviteState {
    }
}
