package im.kith.xmpp.account;

/**
 * What follows the account name on each line of an import file.
 */
public enum ImportFormat {
    /** The password, the rest of the line as written; Kith derives the SCRAM keys (two PBKDF2 runs a line). */
    PASSWORDS,
    /**
     * Keys already derived, as another server stores them: one or more blank-separated
     * {@code MECHANISM:ITERATIONS:SALT:STOREDKEY:SERVERKEY} fields, the last three in base64
     * (RFC 5802 §5.1 names), mechanism {@code SCRAM-SHA-1} or {@code SCRAM-SHA-256}. Nothing is derived,
     * so thousands of lines go in per second, and users keep the passwords they had.
     */
    SCRAM
}
