package im.kith.xmpp.ext.upload;

import java.util.Locale;
import java.util.regex.Pattern;

import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/** A parsed {@code <request filename size content-type/>} (XEP-0363 §4). */
record SlotRequest(String fileName, long size, String contentType) {
    static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");

    /** @throws StanzaErrorException bad-request naming what is wrong */
    static SlotRequest parse(Element request) {
        String name = request.attribute("filename");
        String size = request.attribute("size");
        if (name == null || name.isBlank()) {
            // §4: the filename attribute is REQUIRED.
            throw bad("the request needs a filename");
        }
        if (size == null) {
            // §4: the size attribute is REQUIRED.
            throw bad("the request needs a size in bytes");
        }
        long bytes;
        try {
            bytes = Long.parseLong(size.strip());
        } catch (NumberFormatException e) {
            throw bad("size must be a number of bytes");
        }
        if (bytes <= 0) {
            throw bad("size must be positive");
        }
        String type = request.attribute("content-type");
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type.strip().toLowerCase(Locale.ROOT);
        int params = type.indexOf(';');
        if (params >= 0) {
            type = type.substring(0, params).strip();
        }
        if (!MEDIA_TYPE.matcher(type).matches()) {
            throw bad("content-type is not a media type");
        }
        return new SlotRequest(FileNames.sanitise(name), bytes, type);
    }

    private static StanzaErrorException bad(String text) {
        return new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, text);
    }
}
