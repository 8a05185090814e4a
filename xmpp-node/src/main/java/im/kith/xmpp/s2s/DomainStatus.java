package im.kith.xmpp.s2s;

import java.time.Instant;

/**
 * The federation state with one remote domain, for {@code kithctl status} and the portal.
 *
 * @param domain    the remote domain
 * @param inbound   authenticated incoming streams from it right now
 * @param outbound  whether an authenticated outgoing stream to it is up
 * @param lastError the last failure (connection, certificate, authentication), or null
 * @param since     when {@code outbound}/{@code inbound} or the error last changed
 */
public record DomainStatus(String domain, int inbound, boolean outbound, String lastError, Instant since) {
}
