package im.kith.xmpp.ext.adhoc.admin;

import java.util.List;
import java.util.TreeSet;

import jakarta.inject.Singleton;
import jakarta.inject.Provider;

import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.ext.adhoc.AdHocResult;
import im.kith.xmpp.ext.adhoc.AdHocStep;
import im.kith.xmpp.ext.adhoc.FormField;
import im.kith.xmpp.ext.adhoc.SubmittedForm;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.router.SessionRegistry;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.xml.Element;

/** The XEP-0133 commands that report on or speak to the whole service, as CDI beans. */
final class ServiceCommands {
    private ServiceCommands() {
    }

    /** §4.11 get-registered-users-num. */
    @Singleton
    static class RegisteredUsersNum extends AdminCommand {
        private final AccountService accounts;

        RegisteredUsersNum(AccountService accounts) {
            super("get-registered-users-num", "Get number of registered users");
            this.accounts = accounts;
        }

        @Override
        List<FormField> fields() {
            return List.of();
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            return new AdHocResult.Completed(result(FormField.result("text-single", "registeredusersnum",
                    "The number of registered users", List.of(Long.toString(accounts.count())))), null);
        }
    }

    /** §4.15 get-online-users-num: accounts with at least one bound session. */
    @Singleton
    static class OnlineUsersNum extends AdminCommand {
        private final SessionRegistry sessions;

        OnlineUsersNum(SessionRegistry sessions) {
            super("get-online-users-num", "Get number of online users");
            this.sessions = sessions;
        }

        @Override
        List<FormField> fields() {
            return List.of();
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            return new AdHocResult.Completed(result(FormField.result("text-single", "onlineusersnum",
                    "The number of online users", List.of(Integer.toString(online(sessions).size())))), null);
        }
    }

    /** §4.21 get-online-users-list, answered at once with every online account. */
    @Singleton
    static class OnlineUsersList extends AdminCommand {
        private final SessionRegistry sessions;

        OnlineUsersList(SessionRegistry sessions) {
            super("get-online-users-list", "Get list of online users");
            this.sessions = sessions;
        }

        @Override
        List<FormField> fields() {
            return List.of();
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            return new AdHocResult.Completed(result(FormField.result("jid-multi", "onlineuserjids",
                    "The list of all online users", List.copyOf(online(sessions)))), null);
        }
    }

    /** §4.23 announce: a headline from the server to every online session. */
    @Singleton
    static class Announce extends AdminCommand {
        private final SessionRegistry sessions;
        private final Provider<Router> router;
        private final Jid domain;

        Announce(SessionRegistry sessions, Provider<Router> router, NodeConfig node) {
            super("announce", "Send announcement to all online users");
            this.sessions = sessions;
            this.router = router;
            this.domain = Jid.domain(node.domain());
        }

        @Override
        List<FormField> fields() {
            return List.of(FormField.of("text-single", "subject", "Subject", false),
                    FormField.of("text-multi", "announcement", "Announcement", true));
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            List<String> lines = form.all("announcement");
            String body = String.join("\n", lines).strip();
            if (body.isEmpty()) {
                required(form, "announcement");
            }
            String subject = form.first("subject");
            int sent = 0;
            for (LocalSession s : sessions.all()) {
                Element message = Element.builder("message", Ns.CLIENT).attribute("type", "headline")
                        .attribute("from", domain).attribute("to", s.jid())
                        .child(subject == null ? null : Element.builder("subject", Ns.CLIENT).text(subject).build())
                        .child(Element.builder("body", Ns.CLIENT).text(body).build()).build();
                router.get().route(new Stanza(im.kith.xmpp.stanza.StanzaKind.MESSAGE, message, domain, s.jid()));
                sent++;
            }
            return AdHocResult.done("The announcement was sent to " + sent + " sessions");
        }
    }

    /** Bare JIDs of the accounts with a bound session, sorted. */
    static TreeSet<String> online(SessionRegistry sessions) {
        TreeSet<String> out = new TreeSet<>();
        for (LocalSession s : sessions.all()) {
            if (s.jid() != null) {
                out.add(s.jid().bare().toString());
            }
        }
        return out;
    }
}
