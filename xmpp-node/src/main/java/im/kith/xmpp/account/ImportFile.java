package im.kith.xmpp.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import im.kith.xmpp.sasl.Passwords;

/**
 * The bulk-import format: one account per line, {@code localpart password} (or {@code jid password}),
 * separated by spaces or tabs. The password is the rest of the line, taken as written (it may contain
 * spaces). Empty lines and lines starting with {@code #} are ignored.
 */
final class ImportFile {

    /** A line that names an account to create. */
    record Entry(int line, String localpart, String password) {
    }

    record Parsed(List<Entry> entries, List<ImportResult.Skipped> skipped) {
    }

    private ImportFile() {
    }

    /**
     * Reads the lines, normalising names with {@code localpartOf} (which throws {@link AccountException}
     * for invalid names); invalid lines and repeated names are reported as skipped.
     */
    static Parsed parse(Reader reader, UnaryOperator<String> localpartOf) throws IOException {
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
            String password = space < 0 ? "" : stripPassword(stripped.substring(space));
            if (password.isEmpty()) {
                skipped.add(new ImportResult.Skipped(number, name, "missing password"));
                continue;
            }
            String localpart;
            try {
                localpart = localpartOf.apply(name);
                Passwords.prepare(password);
            } catch (AccountException | IllegalArgumentException e) {
                skipped.add(new ImportResult.Skipped(number, name, e.getMessage()));
                continue;
            }
            Integer earlier = seen.putIfAbsent(localpart, number);
            if (earlier != null) {
                skipped.add(new ImportResult.Skipped(number, name, "same account as line " + earlier));
                continue;
            }
            entries.add(new Entry(number, localpart, password));
        }
        return new Parsed(entries, skipped);
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
