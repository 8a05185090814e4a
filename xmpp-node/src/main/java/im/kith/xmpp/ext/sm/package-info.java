/**
 * XEP-0198 Stream Management (urn:xmpp:sm:3): the {@code <sm/>} stream feature (§2), enabling after
 * resource binding (§3), acknowledgements with 32-bit wrapping counters (§4), resumption of a session
 * whose connection was lost within a resume window (§5), errors (§6), and the fate of stanzas never
 * acknowledged (§4: re-routed like stanzas for an unavailable resource, with a XEP-0203 delay).
 *
 * <p>Configuration: {@code kith.sm.resume-timeout} (PT5M), {@code kith.sm.max-unacked} (1000).
 */
package im.kith.xmpp.ext.sm;
