package im.kith.xmpp.ext.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.ext.disco.DiscoExtensions;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0157 Contact Addresses for XMPP Services: the admins' address from {@code KITH_ADMIN_EMAIL} as an
 * XEP-0128 form (FORM_TYPE {@code http://jabber.org/network/serverinfo}) in the server's disco#info.
 */
@ApplicationScoped
public class ContactAddresses implements DiscoExtensions.ServerInfoForm {
    static final String DATA = "jabber:x:data";
    static final String FORM_TYPE = "http://jabber.org/network/serverinfo";

    private final NodeConfig config;

    @Inject
    public ContactAddresses(NodeConfig config) {
        this.config = config;
    }

    @Override
    public Element form() {
        return config.adminEmail().filter(e -> !e.isBlank()).map(email -> Element.builder("x", DATA)
                .attribute("type", "result")
                .child(field("FORM_TYPE", "hidden", FORM_TYPE))
                .child(field("admin-addresses", null, email.startsWith("mailto:") ? email : "mailto:" + email))
                .build()).orElse(null);
    }

    private static Element field(String var, String type, String value) {
        return Element.builder("field", DATA).attribute("var", var).attribute("type", type)
                .child(Element.builder("value", DATA).text(value).build()).build();
    }
}
