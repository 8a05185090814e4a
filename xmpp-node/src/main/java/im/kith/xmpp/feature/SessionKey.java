package im.kith.xmpp.feature;

/**
 * Typed key for per-session state that features keep on a {@link LocalSession} (e.g. "carbons
 * enabled"). Compared by identity: each feature holds its keys as constants.
 */
public final class SessionKey<T> {
    private final String name;

    public SessionKey(String name) {
        this.name = name;
    }

    @Override
    public String toString() {
        return name;
    }
}
