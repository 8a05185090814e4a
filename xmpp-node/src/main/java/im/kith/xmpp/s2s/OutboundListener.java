package im.kith.xmpp.s2s;

import im.kith.xmpp.stanza.StanzaErrorCondition;

/** What an {@link OutboundStream} reports to its owner, on the stream's event loop. */
interface OutboundListener {

    /** The stream is authenticated (or secured, for verification streams). */
    void ready(OutboundStream stream);

    /** The stream could not be set up or ended; {@code condition} is for bouncing queued stanzas. */
    void failed(OutboundStream stream, StanzaErrorCondition condition, String reason);

    /** The answer to a {@code <db:verify/>} sent on this stream (XEP-0220 §2.1.4). */
    default void verified(String id, boolean valid) {
    }
}
