package im.kith.xmpp.support;

/** The Kith release, taken from the jar manifest when packaged. */
public final class KithVersion {
    public static final String VERSION = version();

    private KithVersion() {
    }

    private static String version() {
        String v = KithVersion.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
