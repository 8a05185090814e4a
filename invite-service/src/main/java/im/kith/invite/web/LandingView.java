package im.kith.invite.web;

import java.util.List;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateData;

/**
 * What the landing page shows about one invite.
 *
 * @param inviter  the inviting account's JID for contact invites, else null
 * @param circles  names of the circles joined, comma separated, or null
 * @param reset    whether this is a password reset of {@code username}
 * @param username the fixed username (or the account of a reset), else null
 * @param qr       inline SVG of the page's URL
 * @param error    key of the form error to show (nameTaken, nameInvalid, ...), or null
 * @param entered  the username the invitee typed, to show again after an error
 */
@TemplateData
public record LandingView(String site, String domain, String inviter, String circles, boolean admin, boolean reset,
        String username, String expires, String xmppUri, String landingUrl, RawString qr, List<AppLink> android,
        List<AppLink> ios, List<AppLink> desktop, String csrf, String error, String entered, String lang) {
}
