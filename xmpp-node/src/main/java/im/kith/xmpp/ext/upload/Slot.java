package im.kith.xmpp.ext.upload;

import java.time.Instant;

/**
 * An upload slot as stored.
 *
 * @param id          128 random bits, hex; also the name of the file on disk
 * @param uploader    localpart of the account that requested it
 * @param fileName    the sanitised file name, the last segment of the URLs
 * @param size        the announced size in bytes; the PUT must carry exactly this many
 * @param contentType the announced media type (application/octet-stream when none was given)
 * @param createdAt   when it was handed out
 * @param expiresAt   until when the PUT is accepted
 * @param state       where it is in its life
 */
record Slot(String id, String uploader, String fileName, long size, String contentType, Instant createdAt,
        Instant expiresAt, SlotState state) {

    /** Whether files of this type are shown in the browser rather than downloaded. */
    boolean inline() {
        String t = contentType;
        return (t.startsWith("image/") && !t.startsWith("image/svg")) || t.startsWith("audio/")
                || t.startsWith("video/");
    }
}
