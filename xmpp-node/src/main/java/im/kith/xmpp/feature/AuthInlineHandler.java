package im.kith.xmpp.feature;

import im.kith.xmpp.session.UnboundSession;
import im.kith.xmpp.xml.Element;

/**
 * Handles a request a client placed inside its SASL2 {@code <authenticate/>} (XEP-0388 §2.1 inline
 * features), such as XEP-0198 {@code <resume/>}. Runs after authentication succeeded and before the
 * {@code <success/>} is written, on the stream's event loop. Never called for a failed authentication
 * (XEP-0388 §2.6.2: inline features are not processed then).
 */
@FunctionalInterface
public interface AuthInlineHandler {

    /**
     * Must end by calling exactly one method of {@code result}, on the stream's event loop, possibly
     * later.
     */
    void handle(UnboundSession stream, Element request, Result result);

    /** How the request ended. */
    interface Result {

        /**
         * The request bound this stream to an existing session (a resumed XEP-0198 session, which has its
         * resource): {@code answer} goes into {@code <success/>}, resource binding is skipped (XEP-0386
         * §2.2), and {@code afterSuccess} runs once the success and the stream features are written (for
         * example to re-send unacknowledged stanzas).
         */
        void resumed(Element answer, Runnable afterSuccess);

        /** Done without binding: {@code answer} (may be null) goes into {@code <success/>}. */
        void done(Element answer);
    }
}
