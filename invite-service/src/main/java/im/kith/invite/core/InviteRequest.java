package im.kith.invite.core;

import java.time.Duration;
import java.util.List;

import im.kith.invite.store.InviteKind;
import im.kith.xmpp.account.Role;

/**
 * What an invite should be.
 *
 * @param kind      what redeeming does
 * @param role      role of the new account; null for the kind's default (ADMIN for admin invites, else USER)
 * @param username  fixed username of the new account, the account of a reset; null lets the invitee choose
 * @param inviter   localpart of the inviting account (contact invites), else null
 * @param createdBy who asked for it: a localpart, or e.g. "admin-api"
 * @param note      free text for administrators, or null
 * @param maxUses   how many accounts it may create (1 for single use)
 * @param expiresIn lifetime, null for the default of the kind
 * @param circles   names of circles the new account joins
 */
public record InviteRequest(InviteKind kind, Role role, String username, String inviter, String createdBy,
        String note, int maxUses, Duration expiresIn, List<String> circles) {

    public InviteRequest {
        circles = circles == null ? List.of() : List.copyOf(circles);
    }

    /** A single-use account invite created by an administrator through the API. */
    public static InviteRequest account(String createdBy) {
        return new InviteRequest(InviteKind.ACCOUNT, null, null, null, createdBy, null, 1, null, List.of());
    }
}
