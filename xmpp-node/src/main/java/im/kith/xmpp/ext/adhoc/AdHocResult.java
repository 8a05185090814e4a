package im.kith.xmpp.ext.adhoc;

import im.kith.xmpp.xml.Element;

/** What a command stage produced (XEP-0050 §3.4 statuses). */
public sealed interface AdHocResult {

    /**
     * The command goes on: show {@code form} (a {@code jabber:x:data} form) and keep {@code state} for
     * the next stage; {@code last} offers "complete" instead of "next".
     */
    record Executing(Element form, Object state, boolean last) implements AdHocResult {
    }

    /** The command finished; {@code form} (a result form) and {@code note} may each be null. */
    record Completed(Element form, Note note) implements AdHocResult {
    }

    /** A note for the user (§3.3): info, warn or error. */
    record Note(NoteType type, String text) {
        public static Note info(String text) {
            return new Note(NoteType.INFO, text);
        }
    }

    enum NoteType {
        INFO, WARN, ERROR
    }

    static AdHocResult done(String info) {
        return new Completed(null, Note.info(info));
    }
}
