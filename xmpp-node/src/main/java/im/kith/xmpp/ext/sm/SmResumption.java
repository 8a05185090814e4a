package im.kith.xmpp.ext.sm;

import im.kith.xmpp.session.ClientSession;
import im.kith.xmpp.session.Resumption;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.stanza.StanzaErrorCondition;

/**
 * One {@code <resume/>} (XEP-0198 §5): the client's 'h' acknowledges what it got; the server answers
 * {@code <resumed/>} with its own 'h' and re-sends the rest. Fields written on the old event loop are read
 * on the new one after the hand-over, which orders them.
 */
final class SmResumption implements Resumption {
    private final SmSession sm;
    private final long clientH;
    private final Answer answer;
    private final ResumableSessions resumable;
    private Long failedH;

    /** Where the outcome goes: written on the stream (§5), or into a SASL2 {@code <success/>}. */
    interface Answer {
        /** {@code resend} re-sends the unacknowledged stanzas; it must run right after the answer. */
        void resumed(Element resumed, Runnable resend);

        void failed(Element failed);
    }

    SmResumption(SmSession sm, long clientH, Answer answer, ResumableSessions resumable) {
        this.sm = sm;
        this.clientH = clientH;
        this.answer = answer;
        this.resumable = resumable;
    }

    @Override
    public boolean accept(ClientSession session) {
        if (!sm.ack(clientH)) {
            // An 'h' beyond what was sent cannot be this client's: refuse, but keep the session resumable.
            failedH = sm.handledOnResumption();
            resumable.register(sm);
            return false;
        }
        return true;
    }

    @Override
    public void resumed(ClientSession session) {
        answer.resumed(SmXml.resumed(sm.id(), sm.handledOnResumption()), () -> {
            // §5: after processing 'h' as an ack, re-send every stanza still unacknowledged.
            for (Unacked u : sm.pending()) {
                session.resend(u.stanza());
            }
        });
        resumable.register(sm);
    }

    @Override
    public void refused() {
        // §5: an unknown or expired session is item-not-found; 'h' when the server knows it.
        answer.failed(SmXml.failed(StanzaErrorCondition.ITEM_NOT_FOUND, failedH));
    }
}
