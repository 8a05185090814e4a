package im.kith.xmpp.ext.upload;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Whether a PUT may write to a slot (XEP-0363 §5), decided before any byte of the body is read. */
sealed interface PutVerdict {

    /** The PUT matches its slot; the body may be stored. */
    record Accept(Slot slot) implements PutVerdict {
    }

    /** The PUT is refused with this HTTP status and message. */
    record Reject(int status, String message) implements PutVerdict {
    }

    /**
     * Checks a PUT against its slot: the slot exists and is still open, the request carries the slot's
     * authorization, exactly the announced Content-Length and the announced Content-Type.
     *
     * @param authorized whether the Authorization header is the slot's (checked by the caller)
     */
    static PutVerdict of(Optional<Slot> found, boolean authorized, String contentLength, String contentType,
            Instant now) {
        if (found.isEmpty()) {
            return new Reject(404, "no such upload slot");
        }
        Slot slot = found.get();
        if (slot.state() != SlotState.PENDING) {
            return new Reject(409, "this slot has already been used");
        }
        if (!now.isBefore(slot.expiresAt())) {
            return new Reject(403, "the upload slot has expired; request a new one");
        }
        if (!authorized) {
            // §5: the PUT must carry the headers the slot named.
            return new Reject(403, "the Authorization header of the slot is missing or wrong");
        }
        if (contentLength == null) {
            return new Reject(400, "a Content-Length header is required");
        }
        long length;
        try {
            length = Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return new Reject(400, "Content-Length is not a number");
        }
        if (length > slot.size()) {
            return new Reject(413, "the slot is for " + slot.size() + " bytes, not " + length);
        }
        if (length != slot.size()) {
            // §5: the size of the PUT must match the size of the slot request.
            return new Reject(400, "the slot is for " + slot.size() + " bytes, not " + length);
        }
        if (!typeMatches(slot.contentType(), contentType)) {
            // §5: the Content-Type must match the one of the slot request.
            return new Reject(400, "the slot is for Content-Type " + slot.contentType());
        }
        return new Accept(slot);
    }

    private static boolean typeMatches(String announced, String header) {
        if (header == null || header.isBlank()) {
            return true;
        }
        String given = header.toLowerCase(Locale.ROOT);
        int params = given.indexOf(';');
        given = (params < 0 ? given : given.substring(0, params)).strip();
        return SlotRequest.DEFAULT_TYPE.equals(announced) || announced.equals(given);
    }
}
