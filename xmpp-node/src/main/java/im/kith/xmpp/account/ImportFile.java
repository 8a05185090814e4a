package im.kith.xmpp.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import im.kith.xmpp.sasl.Passwords;
import im.kith.xmpp.sasl.ScramCredential;
import im.kith.xmpp.sasl.ScramHash;

/**
 * The bulk-import format: one account per line, {@code localpart secret} (or {@code jid secret}),
 * separated by spaces or tabs, where the secret is as {@link ImportFormat} says. A password is the rest
 * of the line, taken as written (it may contain spaces). Empty lines and lines starting with {@code #}
 * are ignored.
 */
final class ImportFile {
    private static final Base64.Decoder B64 = Base64.getDecoder();

    /** What a line gives to log in with. */
    sealed interface Secret {
        /** A password to derive the credentials from. */
        record Password(String password) implements Secret {
        }

        /** Credentials derived elsewhere, stored as given. */
        record Derived(List<ScramCredential> credentials) implements Secret {
            public Derived {
                credentials = List.copyOf(credentials);
            }
        }
    }

    /** A line that names an account to create. */
    record Entry(int line, String localpart, Secret secret) {
    }

    record Parsed(List<Entry> entries, List<ImportResult.Skipped> skipped) {
    }

    private ImportFile() {
    }

    /**
     * Reads the lines, normalising names with {@code localpartOf} (which throws {@link AccountException}
     * for invalid names); invalid lines and repeated names are reported as skipped.
     */
    static Parsed parse(Reader reader, ImportFormat format, UnaryOperator<String> localpartOf) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<ImportResult.Skipped> skipped = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String stripped = line.stripLeading();
            int space = firstBlank(stripped);
            String name = space < 0 ? stripped : stripped.substring(0, space);
            String rest = space < 0 ? "" : stripPassword(stripped.substring(space));
            if (rest.isEmpty()) {
                skipped.add(new ImportResult.Skipped(number, name,
                        format == ImportFormat.SCRAM ? "missing credentials" : "missing password"));
                continue;
            }
            String localpart;
            Secret secret;
            try {
                localpart = localpartOf.apply(name);
                secret = secret(format, rest);
            } catch (AccountException | IllegalArgumentException e) {
                skipped.add(new ImportResult.Skipped(number, name, e.getMessage()));
                continue;
            }
            Integer earlier = seen.putIfAbsent(localpart, number);
            if (earlier != null) {
                skipped.add(new ImportResult.Skipped(number, name, "same account as line " + earlier));
                continue;
            }
            entries.add(new Entry(number, localpart, secret));
        }
        return new Parsed(entries, skipped);
    }

    private static Secret secret(ImportFormat format, String rest) {
        if (format == ImportFormat.PASSWORDS) {
            Passwords.prepare(rest);
            return new Secret.Password(rest);
        }
        Map<ScramHash, ScramCredential> credentials = new EnumMap<>(ScramHash.class);
        for (String field : rest.strip().split("[ \t]+")) {
            ScramCredential credential = credential(field);
            if (credentials.put(credential.hash(), credential) != null) {
                throw new IllegalArgumentException(credential.hash().mechanism() + " is given twice");
            }
        }
        return new Secret.Derived(List.copyOf(credentials.values()));
    }

    /** One {@code MECHANISM:ITERATIONS:SALT:STOREDKEY:SERVERKEY} field. */
    private static ScramCredential credential(String field) {
        String[] parts = field.split(":", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("expected MECHANISM:ITERATIONS:SALT:STOREDKEY:SERVERKEY, got "
                    + parts.length + " fields");
        }
        ScramHash hash = Arrays.stream(ScramHash.values()).filter(h -> h.mechanism().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mechanism " + parts[0]
                        + " (SCRAM-SHA-1 or SCRAM-SHA-256)"));
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a number");
        }
        byte[] salt = base64(parts[2], "salt");
        if (salt.length == 0) {
            throw new IllegalArgumentException("the salt is empty");
        }
        return new ScramCredential(hash, salt, iterations, base64(parts[3], "stored key"), base64(parts[4], "server key"));
    }

    private static byte[] base64(String value, String what) {
        try {
            return B64.decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " is not base64");
        }
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** Drops the separating blanks before the password; the password itself is kept as written. */
    private static String stripPassword(String rest) {
        int i = 0;
        while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == '\t')) {
            i++;
        }
        return rest.substring(i);
    }
}
