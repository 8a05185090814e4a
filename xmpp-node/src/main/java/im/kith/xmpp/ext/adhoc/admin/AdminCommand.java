package im.kith.xmpp.ext.adhoc.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import im.kith.xmpp.account.AccountException;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.ext.adhoc.AdHocCommand;
import im.kith.xmpp.ext.adhoc.AdHocResult;
import im.kith.xmpp.ext.adhoc.AdHocStep;
import im.kith.xmpp.ext.adhoc.FormField;
import im.kith.xmpp.ext.adhoc.SubmittedForm;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * A XEP-0133 command: admins only (§2), a form with FORM_TYPE {@code http://jabber.org/protocol/admin}
 * in the first stage, the action on the submitted form in the second. Steps run on virtual threads.
 * Commands are {@code @Singleton} beans: stateless, and without a no-argument constructor to proxy.
 */
abstract class AdminCommand implements AdHocCommand {
    static final String FORM_TYPE = "http://jabber.org/protocol/admin";
    private final String action;
    private final String name;

    AdminCommand(String action, String name) {
        this.action = action;
        this.name = name;
    }

    @Override
    public String node() {
        return FORM_TYPE + "#" + action;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean allows(Role role) {
        return role == Role.ADMIN;
    }

    /** The fields to ask for; empty for commands that answer at once. */
    abstract List<FormField> fields();

    /** Acts on the submitted form (blocking allowed). */
    abstract AdHocResult submit(AdHocStep step, SubmittedForm form);

    @Override
    public CompletionStage<AdHocResult> step(AdHocStep step) {
        List<FormField> fields = fields();
        if (step.state() == null && step.form().isEmpty() && !fields.isEmpty()) {
            List<FormField> all = new java.util.ArrayList<>();
            all.add(FormField.hidden("FORM_TYPE", FORM_TYPE));
            all.addAll(fields);
            return CompletableFuture.completedFuture(new AdHocResult.Executing(FormField.form("form", name, all),
                    Boolean.TRUE, true));
        }
        try {
            return CompletableFuture.completedFuture(submit(step, step.form()));
        } catch (AccountException e) {
            throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, e.getMessage());
        }
    }

    static String required(SubmittedForm form, String var) {
        String v = form.first(var);
        if (v == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the field " + var + " is required");
        }
        return v;
    }

    /** A result form with the admin FORM_TYPE. */
    static Element result(FormField... fields) {
        List<FormField> all = new java.util.ArrayList<>();
        all.add(FormField.hidden("FORM_TYPE", FORM_TYPE));
        all.addAll(List.of(fields));
        return FormField.form("result", null, all);
    }
}
