package im.kith.xmpp.ext.adhoc.admin;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.ext.adhoc.AdHocResult;
import im.kith.xmpp.ext.adhoc.AdHocStep;
import im.kith.xmpp.ext.adhoc.FormField;
import im.kith.xmpp.ext.adhoc.SubmittedForm;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;

/** The XEP-0133 commands that change accounts, as CDI beans. */
final class AccountCommands {
    private AccountCommands() {
    }

    /** §4.1 add-user: accountjid, password, password-verify. */
    @Singleton
    static class AddUser extends AdminCommand {
        private final AccountService accounts;

        AddUser(AccountService accounts) {
            super("add-user", "Add a user");
            this.accounts = accounts;
        }

        @Override
        List<FormField> fields() {
            return List.of(FormField.of("jid-single", "accountjid", "The Jabber ID for the account to be added", true),
                    FormField.of("text-private", "password", "The password for this account", true),
                    FormField.of("text-private", "password-verify", "Retype password", true));
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            String jid = required(form, "accountjid");
            String password = required(form, "password");
            String verify = form.first("password-verify");
            if (verify != null && !verify.equals(password)) {
                throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, "the passwords differ");
            }
            try {
                accounts.create(jid, password, Role.USER);
            } catch (AccountException e) {
                throw new StanzaErrorException(e.reason() == AccountException.Reason.EXISTS
                        ? StanzaErrorCondition.CONFLICT : StanzaErrorCondition.NOT_ACCEPTABLE, e.getMessage());
            }
            return AdHocResult.done("The account was created");
        }
    }

    /** §4.7 change-user-password: accountjid, password. */
    @Singleton
    static class ChangeUserPassword extends AdminCommand {
        private final AccountService accounts;

        ChangeUserPassword(AccountService accounts) {
            super("change-user-password", "Change a user's password");
            this.accounts = accounts;
        }

        @Override
        List<FormField> fields() {
            return List.of(FormField.of("jid-single", "accountjid", "The Jabber ID for this account", true),
                    FormField.of("text-private", "password", "The new password for this account", true));
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            accounts.changePassword(required(form, "accountjid"), required(form, "password"));
            return AdHocResult.done("The password was changed");
        }
    }

    /** §4.2 delete-user: accountjids (jid-multi). */
    @Singleton
    static class DeleteUser extends AdminCommand {
        private final AccountService accounts;

        DeleteUser(AccountService accounts) {
            super("delete-user", "Delete users");
            this.accounts = accounts;
        }

        @Override
        List<FormField> fields() {
            return List.of(FormField.of("jid-multi", "accountjids", "The Jabber ID(s) to delete", true));
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            List<String> missing = new ArrayList<>();
            for (String jid : jids(form)) {
                if (!accounts.delete(jid)) {
                    missing.add(jid);
                }
            }
            return AdHocResult.done(missing.isEmpty() ? "The accounts were deleted"
                    : "Deleted; no such accounts: " + String.join(", ", missing));
        }
    }

    /** §4.3 disable-user and §4.4 reenable-user: accountjids (jid-multi). */
    abstract static class AccountSwitch extends AdminCommand {
        private final AccountService accounts;
        private final boolean disable;

        AccountSwitch(AccountService accounts, boolean disable) {
            super(disable ? "disable-user" : "reenable-user", disable ? "Disable users" : "Re-enable users");
            this.accounts = accounts;
            this.disable = disable;
        }

        @Override
        List<FormField> fields() {
            return List.of(FormField.of("jid-multi", "accountjids",
                    "The Jabber ID(s) to " + (disable ? "disable" : "re-enable"), true));
        }

        @Override
        AdHocResult submit(AdHocStep step, SubmittedForm form) {
            for (String jid : jids(form)) {
                try {
                    accounts.setDisabled(jid, disable);
                } catch (AccountException e) {
                    throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, e.getMessage());
                }
            }
            return AdHocResult.done(disable ? "The accounts were disabled" : "The accounts were re-enabled");
        }
    }

    @Singleton
    static class DisableUser extends AccountSwitch {
        DisableUser(AccountService accounts) {
            super(accounts, true);
        }
    }

    @Singleton
    static class ReenableUser extends AccountSwitch {
        ReenableUser(AccountService accounts) {
            super(accounts, false);
        }
    }

    private static List<String> jids(SubmittedForm form) {
        List<String> jids = form.all("accountjids").stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (jids.isEmpty()) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the field accountjids is required");
        }
        return jids;
    }
}
