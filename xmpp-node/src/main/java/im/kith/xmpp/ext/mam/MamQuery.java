package im.kith.xmpp.ext.mam;

import java.time.Instant;
import java.util.List;

import im.kith.xmpp.jid.Jid;

/**
 * An archive query as the client sent it (XEP-0313 §4): the data form filters and the XEP-0059
 * paging request. Null members were not given.
 *
 * @param queryId   echoed in every result (§4.2)
 * @param afterId   the 'after-id' field (§4.1.3, #extended)
 * @param beforeId  the 'before-id' field (§4.1.3, #extended)
 * @param ids       the 'ids' field (§4.1.3, #extended)
 * @param max       RSM {@code <max/>} (XEP-0059 §2.1)
 * @param rsmAfter  RSM {@code <after/>}: the page after this UID (XEP-0059 §2.2)
 * @param rsmBefore RSM {@code <before/>}: the page before this UID, or the last page when empty (§2.3, §2.5)
 * @param flip      {@code <flip-page/>}: send the page newest first (§4.3.4)
 */
public record MamQuery(String queryId, Jid with, Instant start, Instant end, String afterId, String beforeId,
        List<String> ids, Integer max, String rsmAfter, String rsmBefore, boolean flip) {

    /** Whether the page is taken from the newer end of the selection (RSM 'before' paging). */
    boolean fromEnd() {
        return rsmBefore != null;
    }
}
