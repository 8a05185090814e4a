package im.kith.xmpp.status;

import java.util.Map;

/**
 * A part of {@code kithctl status} (and {@code GET /kith/api/status}) that another module contributes,
 * such as certificate management: a name, and fields in display order.
 */
public interface StatusSection {

    /** The JSON key and text label, e.g. {@code acme}. */
    String name();

    /** Field names and values in display order; absent values are left out by the implementation. */
    Map<String, String> fields();
}
