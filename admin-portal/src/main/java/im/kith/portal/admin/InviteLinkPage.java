package im.kith.portal.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;

import im.kith.invite.core.CreatedInvite;
import im.kith.invite.web.QrCodes;
import im.kith.portal.web.Pages;
import im.kith.portal.web.PortalMessages;
import im.kith.portal.web.Texts;
import im.kith.portal.web.Viewer;

/**
 * The page shown once after an invite or a password reset link is created: the landing-page URL and its
 * QR code. The token exists only in this answer; the database keeps its hash.
 */
@ApplicationScoped
public class InviteLinkPage {
    private final Pages pages;
    private final Texts texts;
    private final QrCodes qr;
    private final Template link;

    InviteLinkPage(Pages pages, Texts texts, QrCodes qr, @Location("portal/admin/link.html") Template link) {
        this.pages = pages;
        this.texts = texts;
        this.qr = qr;
        this.link = link;
    }

    public Response show(Viewer v, String title, CreatedInvite invite, String back) {
        PortalMessages m = texts.in(v.locale());
        return pages.html(201, link.data("title", title).data("url", invite.landingUrl())
                .data("qr", new RawString(qr.svg(invite.landingUrl(), m.qrTitle())))
                .data("text", m.linkText(texts.dateTime(invite.invite().expiresAt(), v.locale())))
                .data("back", back), v.locale(), v).build();
    }
}
