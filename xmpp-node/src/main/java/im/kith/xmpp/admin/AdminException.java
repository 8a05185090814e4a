package im.kith.xmpp.admin;

/**
 * Refuses an admin request with an HTTP status and a message for the administrator; the client receives
 * {@code {"error": message}} (or the message as text).
 */
public class AdminException extends RuntimeException {
    private final int status;

    public AdminException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    public static AdminException notFound(String message) {
        return new AdminException(404, message);
    }

    public static AdminException conflict(String message) {
        return new AdminException(409, message);
    }
}
