package im.kith.acme;

import java.util.Locale;

/** The ACME challenge types the node can answer by itself. */
public enum ChallengeType {
    /** RFC 8555 §8.3: a file under {@code /.well-known/acme-challenge/} on port 80. */
    HTTP_01("http-01"),
    /** RFC 8737: a special certificate presented on port 443 for the ALPN protocol {@code acme-tls/1}. */
    TLS_ALPN_01("tls-alpn-01");

    private final String token;

    ChallengeType(String token) {
        this.token = token;
    }

    /** The challenge's type string as the CA spells it. */
    public String token() {
        return token;
    }

    /** Parses {@code http-01} or {@code tls-alpn-01} (case-insensitive). */
    static ChallengeType parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (ChallengeType t : values()) {
            if (t.token.equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("KITH_ACME_CHALLENGE must be http-01 or tls-alpn-01, not '" + value + "'");
    }
}
