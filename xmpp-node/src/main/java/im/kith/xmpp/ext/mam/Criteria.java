package im.kith.xmpp.ext.mam;

import java.time.Instant;
import java.util.List;

import im.kith.xmpp.jid.Jid;

/**
 * Which messages of an archive a query selects (XEP-0313 §4.1), with ids already resolved to
 * positions. Null members do not restrict.
 *
 * @param with   contact: a bare JID matches all its resources, a full JID only itself (§4.1.1)
 * @param start  inclusive lower time bound (§4.1.2)
 * @param end    inclusive upper time bound (§4.1.2)
 * @param after  exclusive lower position (after-id, RSM after)
 * @param before exclusive upper position (before-id, RSM before)
 * @param ids    only these UIDs (§4.1.3), or null
 */
public record Criteria(Jid with, Instant start, Instant end, Position after, Position before, List<String> ids) {

    Criteria withBounds(Position newAfter, Position newBefore) {
        return new Criteria(with, start, end, Position.later(after, newAfter), Position.earlier(before, newBefore), ids);
    }
}
