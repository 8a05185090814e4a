/**
 * Presence, RFC 6121 §3 and §4: the subscription state machine of Appendix A for outbound and inbound
 * subscription stanzas (server-stamped bare JIDs, §3.1.2; pending requests kept and delivered at each
 * later initial presence, §3.1.3; pre-approvals, §3.4; the §8.5.1 answers for missing accounts),
 * presence broadcast on initial, subsequent and unavailable presence (§4.2, §4.4, §4.5) including the
 * user's own resources, probes and their answers (§4.3), directed presence (§4.6) and the syntax checks
 * of §4.7. Subscription state lives in the roster store of {@link im.kith.xmpp.im.roster}.
 *
 * <p>A probe for a local account with no available resource is answered with unavailable presence
 * carrying the status and an XEP-0203 delay stamp of the account's last unavailable presence, kept in
 * {@code last_presence}.
 */
package im.kith.xmpp.im.presence;
