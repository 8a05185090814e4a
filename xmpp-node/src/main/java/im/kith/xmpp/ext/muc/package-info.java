/**
 * Multi-User Chat: XEP-0045 (version 1.34) as the component {@code groups.DOMAIN}, with XEP-0421
 * occupant ids, XEP-0410 self-ping, XEP-0425 moderation ({@code urn:xmpp:message-moderate:1}),
 * XEP-0359 stanza ids and XEP-0313 room archives (queries parsed by
 * {@link im.kith.xmpp.ext.mam.QueryParser}). XEP-0249 direct invitations need nothing from the
 * service beyond routing.
 *
 * <p><b>Threading.</b> Every room has a {@link im.kith.xmpp.ext.muc.SerialQueue}: the component
 * handler (on the sender's event loop) only queues the stanza on its room, and the room's tasks run
 * one at a time, in arrival order, on virtual threads. A {@link im.kith.xmpp.ext.muc.Room} is confined
 * to its queue and has no locks; since tasks run on virtual threads they use JDBC directly, and no
 * event loop ever waits for a room. Outgoing stanzas go through the router, which hops onto each
 * recipient's event loop. The only shared structures are the registry of queues and the index of
 * joined sessions, both concurrent maps.
 *
 * <p><b>Life of a room.</b> The first task of a room loads it from PostgreSQL (persistent rooms and
 * their affiliations); a first join of a missing room creates it, locked until its owner submits the
 * configuration form or accepts the instant defaults (§10.1). When the last occupant leaves, a
 * temporary room is destroyed and a persistent one leaves memory until it is used again.
 */
package im.kith.xmpp.ext.muc;
