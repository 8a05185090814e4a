package im.kith.xmpp.ext.csi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import im.kith.xmpp.stanza.Stanza;

/** The client state of one session and what is held while it is inactive. Session event loop only. */
final class HeldStanzas {
    private final LinkedHashMap<HeldKey, Stanza> held = new LinkedHashMap<>();
    private boolean inactive;

    boolean inactive() {
        return inactive;
    }

    void inactive(boolean value) {
        this.inactive = value;
    }

    /** Holds the stanza in place of an older one with the same key, which it moves behind the rest. */
    void hold(HeldKey key, Stanza stanza) {
        held.remove(key);
        held.put(key, stanza);
    }

    int size() {
        return held.size();
    }

    /** Takes everything held, oldest first. */
    List<Stanza> drain() {
        List<Stanza> out = new ArrayList<>(held.values());
        held.clear();
        return out;
    }
}
