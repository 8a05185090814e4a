package im.kith.xmpp.ext.upload;

import java.time.Instant;

/** The answer to a slot request once its syntax is valid. */
sealed interface SlotGrant {

    /** A slot was reserved. */
    record Granted(Slot slot) implements SlotGrant {
    }

    /** The file is larger than one slot may be (XEP-0363 §4.1: not-acceptable with the maximum). */
    record TooLarge(long maxFileSize) implements SlotGrant {
    }

    /** The user's daily quota is used up until {@code retry} (§4.1: resource-constraint with retry). */
    record QuotaReached(Instant retry) implements SlotGrant {
    }

    /** The server's storage is full. */
    record StorageFull() implements SlotGrant {
    }
}
