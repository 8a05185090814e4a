package im.kith.xmpp.ext.muc;

import java.util.List;

import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/** The {@code muc#roomconfig} data form (XEP-0045 §10.2, §15.5.3): built from and read into a {@link RoomConfig}. */
final class ConfigForm {
    private static final String P = "muc#roomconfig_";

    private ConfigForm() {
    }

    static Element form(RoomConfig c, int maxHistory) {
        return Element.builder("x", MucNs.DATA).attribute("type", "form")
                .child(Element.builder("title", MucNs.DATA).text("Room configuration").build())
                .child(field("hidden", "FORM_TYPE", null, MucNs.ROOMCONFIG))
                .child(field("text-single", P + "roomname", "Name", c.name()))
                .child(field("text-single", P + "roomdesc", "Description", c.description()))
                .child(field("boolean", P + "persistentroom", "Keep the room when it is empty", c.persistent()))
                .child(field("boolean", P + "publicroom", "List the room publicly", c.publicRoom()))
                .child(field("boolean", P + "membersonly", "Only members may enter", c.membersOnly()))
                .child(field("boolean", P + "moderatedroom", "Only participants with voice may speak", c.moderated()))
                .child(field("boolean", P + "passwordprotectedroom", "A password is required to enter", c.passwordProtected()))
                .child(field("text-private", P + "roomsecret", "Password", c.password()))
                .child(options(field("list-single", P + "whois", "Who may see real JIDs", c.whois().value()),
                        List.of(Whois.MODERATORS.value(), Whois.ANYONE.value())))
                .child(field("text-single", P + "maxusers", "Most occupants", c.maxUsers()))
                .child(field("boolean", P + "allowinvites", "Occupants may invite others", c.allowInvites()))
                .child(field("boolean", P + "changesubject", "Occupants may change the subject", c.changeSubject()))
                .child(field("text-single", "muc#roomconfig_historylength", "Messages of history on entering (at most "
                        + maxHistory + ")", c.historyLength()))
                .child(field("boolean", P + "enablearchiving", "Archive the discussion", c.archiving()))
                .build();
    }

    /** Reads a submitted form over the current configuration; fields not submitted keep their values. */
    static RoomConfig read(Element x, RoomConfig c, MucConfig limits) {
        String name = c.name();
        String desc = c.description();
        boolean persistent = c.persistent();
        boolean pub = c.publicRoom();
        boolean members = c.membersOnly();
        boolean moderated = c.moderated();
        Boolean protectedRoom = null;
        String secret = c.password();
        Whois whois = c.whois();
        int maxUsers = c.maxUsers();
        boolean invites = c.allowInvites();
        boolean subject = c.changeSubject();
        int history = c.historyLength();
        boolean archiving = c.archiving();
        for (Element f : x.elements("field", MucNs.DATA)) {
            String var = f.attribute("var");
            String v = f.childText("value", MucNs.DATA);
            if (var == null) {
                throw bad("a field without 'var'");
            }
            switch (var) {
                case "FORM_TYPE" -> {
                    if (!MucNs.ROOMCONFIG.equals(v)) {
                        throw bad("FORM_TYPE must be " + MucNs.ROOMCONFIG);
                    }
                }
                case P + "roomname" -> name = blank(v);
                case P + "roomdesc" -> desc = blank(v);
                case P + "persistentroom" -> persistent = bool(var, v);
                case P + "publicroom" -> pub = bool(var, v);
                case P + "membersonly" -> members = bool(var, v);
                case P + "moderatedroom" -> moderated = bool(var, v);
                case P + "passwordprotectedroom" -> protectedRoom = bool(var, v);
                case P + "roomsecret" -> secret = blank(v);
                case P + "whois" -> {
                    whois = Whois.of(v);
                    if (whois == null) {
                        throw bad("whois must be 'moderators' or 'anyone'");
                    }
                }
                case P + "maxusers" -> maxUsers = number(var, v, 1, limits.maxUsers());
                case P + "allowinvites" -> invites = bool(var, v);
                case P + "changesubject" -> subject = bool(var, v);
                case "muc#roomconfig_historylength", "muc#maxhistoryfetch" -> history = number(var, v, 0, limits.maxHistory());
                case P + "enablearchiving", "muc#roomconfig_enablelogging" -> archiving = bool(var, v);
                // XEP-0004 §3.2: unknown fields are an error rather than silently ignored.
                default -> throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "unsupported field '" + var + "'");
            }
        }
        boolean wantsPassword = protectedRoom != null ? protectedRoom : c.passwordProtected() || secret != null && !secret.equals(c.password());
        if (wantsPassword && secret == null) {
            // §10.2: a password-protected room needs its secret.
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "a password-protected room needs roomsecret");
        }
        return new RoomConfig(name, desc, persistent, pub, members, moderated, wantsPassword ? secret : null, whois,
                maxUsers, invites, subject, history, archiving);
    }

    private static Element field(String type, String var, String label, Object value) {
        Element.Builder b = Element.builder("field", MucNs.DATA).attribute("type", type).attribute("var", var)
                .attribute("label", label);
        if (value != null) {
            String s = value instanceof Boolean bool ? (bool ? "1" : "0") : value.toString();
            b.child(Element.builder("value", MucNs.DATA).text(s).build());
        }
        return b.build();
    }

    private static Element options(Element field, List<String> values) {
        Element f = field;
        for (String v : values) {
            f = f.withChild(Element.builder("option", MucNs.DATA).attribute("label", v)
                    .child(Element.builder("value", MucNs.DATA).text(v).build()).build());
        }
        return f;
    }

    private static boolean bool(String var, String v) {
        // XEP-0004 §3.3: boolean is 0/1/false/true.
        return switch (v == null ? "" : v.trim()) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw bad("'" + var + "' must be a boolean");
        };
    }

    private static int number(String var, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v == null ? "" : v.trim());
            if (n < min || n > max) {
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE,
                        "'" + var + "' must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad("'" + var + "' must be a number");
        }
    }

    private static String blank(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    private static StanzaErrorException bad(String text) {
        return new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, text);
    }
}
