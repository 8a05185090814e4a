package im.kith.bench.xmpp;

/** An account's localpart and password. */
public record Credentials(String localpart, String password) {}
