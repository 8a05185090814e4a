package im.kith.xmpp.jid;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import rocks.xmpp.precis.PrecisProfiles;

/**
 * An XMPP address, validated and normalised per RFC 7622.
 *
 * <p>Instances are immutable and always hold the canonical form, so {@link #equals} compares addresses
 * as RFC 7622 §3 requires: the localpart through the PRECIS UsernameCaseMapped profile (§3.3), the
 * domainpart as lower-case ASCII A-labels (§3.2), the resourcepart through
 * the OpaqueString profile (§3.4). Each part is at most 1023 octets (§3.1).
 */
public final class Jid {
    private static final int MAX_PART_OCTETS = 1023;

    private final String local;
    private final String domain;
    private final String resource;
    private final String string;

    private Jid(String local, String domain, String resource) {
        this.local = local;
        this.domain = domain;
        this.resource = resource;
        this.string = (local == null ? "" : local + "@") + domain + (resource == null ? "" : "/" + resource);
    }

    /** Parses and normalises a JID string (RFC 7622 §3.1: split at the first '/', then the last '@'). */
    public static Jid parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new JidException("empty JID");
        }
        int slash = s.indexOf('/');
        String beforeResource = slash < 0 ? s : s.substring(0, slash);
        String resource = slash < 0 ? null : s.substring(slash + 1);
        int at = beforeResource.lastIndexOf('@');
        String local = at < 0 ? null : beforeResource.substring(0, at);
        String domain = at < 0 ? beforeResource : beforeResource.substring(at + 1);
        if (resource != null && resource.isEmpty()) {
            throw new JidException("empty resourcepart");
        }
        if (local != null && local.isEmpty()) {
            throw new JidException("empty localpart");
        }
        return of(local, domain, resource);
    }

    /** Builds a JID from its parts (local and resource may be null), normalising each. */
    public static Jid of(String local, String domain, String resource) {
        return new Jid(local == null ? null : normalizeLocal(local), normalizeDomain(domain),
                resource == null ? null : normalizeResource(resource));
    }

    /** A domain-only JID. */
    public static Jid domain(String domain) {
        return of(null, domain, null);
    }

    /** Normalises a localpart with the UsernameCaseMapped profile and the RFC 7622 §3.3.1 exclusions. */
    public static String normalizeLocal(String local) {
        String n;
        if (printableAscii(local, false)) {
            // UsernameCaseMapped on printable ASCII only lower-cases: width mapping, NFC and the
            // bidi rule change nothing there, and IdentifierClass allows all of U+0021..U+007E.
            n = local.toLowerCase(Locale.ROOT);
        } else {
            try {
                n = PrecisProfiles.USERNAME_CASE_MAPPED.enforce(local);
            } catch (IllegalArgumentException e) {
                throw new JidException("invalid localpart: " + e.getMessage());
            }
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            // RFC 7622 §3.3.1: these characters are forbidden in localparts.
            if (c == '"' || c == '&' || c == '\'' || c == '/' || c == ':' || c == '<' || c == '>' || c == '@') {
                throw new JidException("character '" + c + "' is not allowed in a localpart");
            }
        }
        checkLength(n, "localpart");
        return n;
    }

    /** Normalises a resourcepart with the OpaqueString profile (RFC 7622 §3.4). */
    public static String normalizeResource(String resource) {
        String n;
        if (printableAscii(resource, true)) {
            // OpaqueString leaves printable ASCII and the ASCII space unchanged (FreeformClass).
            n = resource;
        } else {
            try {
                n = PrecisProfiles.OPAQUE_STRING.enforce(resource);
            } catch (IllegalArgumentException e) {
                throw new JidException("invalid resourcepart: " + e.getMessage());
            }
        }
        checkLength(n, "resourcepart");
        return n;
    }

    /** Normalises a domainpart: IDNA to A-labels, lower case, no trailing dot (RFC 7622 §3.2). */
    public static String normalizeDomain(String domain) {
        if (domain == null || domain.isEmpty()) {
            throw new JidException("empty domainpart");
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (d.startsWith("[")) {
            if (!d.endsWith("]") || d.length() < 3) {
                throw new JidException("malformed IPv6 domainpart");
            }
            return d.toLowerCase(Locale.ROOT);
        }
        String ascii;
        if (lowerCaseLdh(d)) {
            ascii = d; // already what IDNA ToASCII with the STD3 rules would return
        } else {
            try {
                ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new JidException("invalid domainpart: " + e.getMessage());
            }
        }
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
            throw new JidException("invalid domainpart");
        }
        checkLength(ascii, "domainpart");
        return ascii;
    }

    /** True when {@code s} holds only U+0021..U+007E, and U+0020 when {@code space} is allowed. */
    private static boolean printableAscii(String s, boolean space) {
        char lowest = space ? ' ' : '!';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < lowest || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * True for dot-separated labels of 1 to 63 lower-case letters, digits and inner hyphens: names that
     * IDNA ToASCII with the STD3 rules returns unchanged.
     */
    private static boolean lowerCaseLdh(String d) {
        int labelStart = 0;
        for (int i = 0; i <= d.length(); i++) {
            char c = i == d.length() ? '.' : d.charAt(i);
            if (c == '.') {
                int length = i - labelStart;
                if (length < 1 || length > 63 || d.charAt(labelStart) == '-' || d.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static void checkLength(String part, String what) {
        if (part.isEmpty()) {
            throw new JidException("empty " + what);
        }
        if (part.length() > MAX_PART_OCTETS / 3 && part.getBytes(StandardCharsets.UTF_8).length > MAX_PART_OCTETS) {
            throw new JidException(what + " longer than " + MAX_PART_OCTETS + " octets");
        }
    }

    /** The localpart, or null for a domain or domain/resource JID. */
    public String local() {
        return local;
    }

    public String domain() {
        return domain;
    }

    /** The resourcepart, or null for a bare JID. */
    public String resource() {
        return resource;
    }

    public boolean isBare() {
        return resource == null;
    }

    /** True for a JID with neither localpart nor resourcepart (a server or component address). */
    public boolean isDomain() {
        return local == null && resource == null;
    }

    public Jid bare() {
        return resource == null ? this : new Jid(local, domain, null);
    }

    public Jid withResource(String newResource) {
        return new Jid(local, domain, normalizeResource(newResource));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jid other && string.equals(other.string);
    }

    @Override
    public int hashCode() {
        return string.hashCode();
    }

    @Override
    public String toString() {
        return string;
    }

    /** The bare form as a string, without allocating a new Jid. */
    public String toBareString() {
        return resource == null ? string : string.substring(0, string.length() - resource.length() - 1);
    }

}
