package im.kith.xmpp.sasl.fast;

import java.time.Instant;

/** One row of {@code fast_tokens}. */
record StoredToken(Slot slot, String mechanism, byte[] hash, Instant expiresAt) {

    /** XEP-0484 §6.1: the token in use, and a newer one not used yet. */
    enum Slot {
        CURRENT("current"), NEW("new");

        final String column;

        Slot(String column) {
            this.column = column;
        }

        static Slot of(String column) {
            return column.equals(NEW.column) ? NEW : CURRENT;
        }
    }
}
