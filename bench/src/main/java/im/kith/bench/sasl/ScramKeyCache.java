package im.kith.bench.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers derived SCRAM keys per (mechanism, password, salt, iteration count), so that logging the same
 * account in again does not repeat the deliberately slow PBKDF2 step on the load generator's single core.
 * The server still does all of its own work for every authentication.
 */
public final class ScramKeyCache {
    private record Key(ScramMechanism mechanism, String password, String salt, int iterations) {}

    private final Map<Key, ScramKeys> keys = new ConcurrentHashMap<>();

    ScramKeys keysFor(ScramMechanism mechanism, String password, byte[] salt, int iterations) {
        Key key = new Key(mechanism, password, Base64.getEncoder().encodeToString(salt), iterations);
        return keys.computeIfAbsent(key, k -> ScramKeys.derive(
                mechanism, mechanism.hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations)));
    }

    /** Number of distinct key sets derived so far. */
    public int size() {
        return keys.size();
    }
}
