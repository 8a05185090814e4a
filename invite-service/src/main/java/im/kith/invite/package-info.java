/**
 * Invitations, registration and circles of a Kith community.
 *
 * <p>Specifications: XEP-0401 (Easy User Onboarding), XEP-0445 (Pre-Authenticated In-Band Registration),
 * XEP-0379 (Pre-Authenticated Roster Subscription), XEP-0077 (In-Band Registration), RFC 6121 (rosters
 * and subscriptions). Flows and URIs are described in docs/invites.md; configuration in
 * {@link im.kith.invite.InviteConfig}.
 */
package im.kith.invite;
