package im.kith.portal.session;

import java.time.Instant;

/**
 * One signed-in browser.
 *
 * @param id        the random session id carried by the cookie
 * @param localpart the account signed in
 * @param csrf      the token every form of this session must send back
 * @param lastSeen  when the session was last used
 */
public record PortalSession(String id, String localpart, String csrf, Instant lastSeen) {

    PortalSession seenAt(Instant now) {
        return new PortalSession(id, localpart, csrf, now);
    }
}
