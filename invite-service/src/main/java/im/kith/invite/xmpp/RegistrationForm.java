package im.kith.invite.xmpp;

import java.util.Map;

import im.kith.invite.InviteConfig.RegistrationMode;
import im.kith.xmpp.xml.Element;

/** The XEP-0077 registration form and the reading of a submitted registration. */
final class RegistrationForm {

    private RegistrationForm() {
    }

    /** A submitted registration; null for what is missing. */
    record Submitted(String username, String password, String token) {
    }

    /** XEP-0077 §3.1: instructions, the legacy fields and an equivalent data form (§5). */
    static Element form(RegistrationMode mode) {
        String instructions = mode == RegistrationMode.INVITE
                ? "Choose a username and password. This server needs an invite token."
                : "Choose a username and password.";
        Element.Builder x = DataForms.form("form", RegistrationFeature.NS_REGISTER, "Create an account")
                .child(Element.builder("instructions", DataForms.NS).text(instructions).build())
                .child(DataForms.field("username", "text-single", "Username", null, true))
                .child(DataForms.field("password", "text-private", "Password", null, true))
                .child(DataForms.field("token", "text-single", "Invite token", null, mode == RegistrationMode.INVITE));
        return Element.builder("query", RegistrationFeature.NS_REGISTER)
                .child(Element.builder("instructions", RegistrationFeature.NS_REGISTER).text(instructions).build())
                .child(Element.of("username", RegistrationFeature.NS_REGISTER))
                .child(Element.of("password", RegistrationFeature.NS_REGISTER))
                .child(x.build())
                .build();
    }

    /** Reads the legacy fields or the data form; the token from a preauth child, a {@code <token/>} field or the form. */
    static Submitted read(Element query) {
        Map<String, String> form = DataForms.values(query);
        String username = first(query.childText("username", RegistrationFeature.NS_REGISTER), form.get("username"));
        String password = first(query.childText("password", RegistrationFeature.NS_REGISTER), form.get("password"));
        Element preauth = query.child("preauth", RegistrationFeature.NS_PARS);
        String token = first(preauth == null ? null : preauth.attribute("token"),
                first(query.childText("token", RegistrationFeature.NS_REGISTER), form.get("token")));
        return new Submitted(username, password, token);
    }

    private static String first(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b == null || b.isEmpty() ? null : b;
    }
}
