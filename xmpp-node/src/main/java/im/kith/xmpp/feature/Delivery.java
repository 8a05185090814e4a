package im.kith.xmpp.feature;

import im.kith.xmpp.stanza.Stanza;

/** A stanza travelling to a local account; hooks may replace it. Used on one thread at a time. */
public final class Delivery {
    private Stanza stanza;

    public Delivery(Stanza stanza) {
        this.stanza = stanza;
    }

    public Stanza stanza() {
        return stanza;
    }

    public void replace(Stanza replacement) {
        this.stanza = replacement;
    }
}
