package im.kith.xmpp.account;

import java.time.Duration;
import java.util.List;

/**
 * Outcome of a bulk import.
 *
 * @param created how many accounts were created
 * @param skipped lines that created no account, in file order
 * @param elapsed time the import took (parsing, hashing and inserting)
 */
public record ImportResult(int created, List<Skipped> skipped, Duration elapsed) {

    public ImportResult {
        skipped = List.copyOf(skipped);
    }

    /**
     * A line that created no account.
     *
     * @param line   1-based line number
     * @param name   the name on that line as written
     * @param reason why, e.g. "account exists"
     */
    public record Skipped(int line, String name, String reason) {
    }
}
