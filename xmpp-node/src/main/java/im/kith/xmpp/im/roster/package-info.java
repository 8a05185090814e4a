/**
 * Rosters, RFC 6121 §2: the JDBC store of roster items and of each contact's presence subscription
 * state (Appendix A, with pre-approvals of §3.4 and the pending inbound requests of §3.1.3), roster get
 * with versioning (§2.6), roster set and removal with the checks of §2.3.3 and §2.5.3, and roster pushes
 * to interested resources (§2.1.6). Work on one account's roster is sequenced by
 * {@link im.kith.xmpp.im.roster.AccountSequencer}.
 *
 * <p>Configuration: {@code kith.roster.max-items} (1000), {@code kith.roster.max-name-length} (1024),
 * {@code kith.roster.max-group-length} (1024), {@code kith.roster.max-groups} (64).
 */
package im.kith.xmpp.im.roster;
