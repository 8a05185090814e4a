package im.kith.bench.xmpp;

/** Where a server listens for client connections and which XMPP domain it serves. */
public record Target(String host, int port, String domain) {
    public Target {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
