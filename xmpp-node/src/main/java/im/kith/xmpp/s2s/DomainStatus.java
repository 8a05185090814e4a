package im.kith.xmpp.s2s;

import java.time.Instant;

/**
 * The federation state with one remote domain, for {@code kithctl status} and the portal.
 *
 * @param domain       the remote domain
 * @param inbound      authenticated incoming streams from it right now
 * @param outbound     whether an authenticated outgoing stream to it is up
 * @param bidi         whether that stream is bidirectional (XEP-0288): one TCP connection carries stanzas both
 *                     ways, opened by us or by the peer
 * @param inboundAuth  how its last incoming stream authenticated ({@code SASL EXTERNAL}, {@code dialback}), or null
 * @param outboundAuth how our last outgoing stream to it authenticated, or null
 * @param lastError    the last failure (connection, certificate, authentication), or null
 * @param since        when any of the above last changed
 */
public record DomainStatus(String domain, int inbound, boolean outbound, boolean bidi, String inboundAuth,
        String outboundAuth, String lastError, Instant since) {

    static DomainStatus initial(String domain, Instant now) {
        return new DomainStatus(domain, 0, false, false, null, null, null, now);
    }
}
