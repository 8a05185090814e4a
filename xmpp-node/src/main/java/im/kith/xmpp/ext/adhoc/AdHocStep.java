package im.kith.xmpp.ext.adhoc;

import im.kith.xmpp.jid.Jid;

/**
 * One stage of a command being run.
 *
 * @param requester the full JID of the local account running it
 * @param action    {@link AdHocAction#EXECUTE} for the first stage, then NEXT or COMPLETE
 * @param form      the submitted data form, empty when none was sent
 * @param state     what the previous stage returned in {@link AdHocResult.Executing}, or null
 */
public record AdHocStep(Jid requester, AdHocAction action, SubmittedForm form, Object state) {
}
