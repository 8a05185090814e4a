package im.kith.invite.xmpp;

import im.kith.invite.core.CreatedInvite;
import im.kith.xmpp.ext.adhoc.AdHocResult;
import im.kith.xmpp.xml.Element;

/**
 * What the XEP-0401 §4 invite commands have in common: their nodes and the result form
 * ({@code urn:xmpp:invite#invitation} with the fields uri, landing-url and expire).
 */
final class InviteCommands {
    static final String NODE_INVITE = "urn:xmpp:invite#invite";
    static final String NODE_CREATE = "urn:xmpp:invite#create-account";

    private InviteCommands() {
    }

    static AdHocResult completed(CreatedInvite created) {
        Element x = DataForms.form("result", "urn:xmpp:invite#invitation", null)
                .child(DataForms.field("uri", "text-single", null, created.xmppUri(), false))
                .child(DataForms.field("landing-url", "text-single", null, created.landingUrl(), false))
                .child(DataForms.field("expire", "text-single", null, created.invite().expiresAt().toString(), false))
                .build();
        return new AdHocResult.Completed(x, null);
    }
}
