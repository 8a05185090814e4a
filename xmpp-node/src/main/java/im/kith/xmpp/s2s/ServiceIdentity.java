package im.kith.xmpp.s2s;

import java.io.IOException;
import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * The identity check of RFC 6125 §6 for XMPP server certificates (RFC 6120 §13.7.1.2, RFC 7590 §3.1):
 * the domain must appear as a subjectAltName dNSName (a wildcard only as the whole left-most label), an
 * XmppAddr (id-on-xmppAddr, RFC 6120 §13.7.1.4) or an SRV-ID for {@code _xmpp-server}/{@code _xmpps-server}
 * (RFC 4985). The subject common name is never used (RFC 6125 §6.4.4, since the peer is an XMPP server).
 */
final class ServiceIdentity {
    static final String XMPP_ADDR = "1.3.6.1.5.5.7.8.5";
    static final String SRV_NAME = "1.3.6.1.5.5.7.8.7";
    private static final int OTHER_NAME = 0;
    private static final int DNS_NAME = 2;

    private ServiceIdentity() {
    }

    static boolean matches(X509Certificate leaf, String domain) {
        String want = normalise(domain);
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            if (type == DNS_NAME && dnsMatches(String.valueOf(name.get(1)), want)) {
                return true;
            }
            if (type == OTHER_NAME && name.get(1) instanceof byte[] der && otherNameMatches(der, want)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String d) {
        String s = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        try {
            return IDN.toASCII(s).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return s.toLowerCase(Locale.ROOT);
        }
    }

    /** RFC 6125 §6.4.3: a wildcard matches exactly one label, and only as the whole left-most label. */
    static boolean dnsMatches(String pattern, String domain) {
        String p = normalise(pattern);
        if (p.startsWith("*.")) {
            int dot = domain.indexOf('.');
            return dot > 0 && domain.substring(dot + 1).equals(p.substring(2)) && p.indexOf('*', 1) < 0;
        }
        return !p.contains("*") && p.equals(domain);
    }

    private static boolean otherNameMatches(byte[] der, String domain) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            ASN1Sequence seq = p instanceof ASN1TaggedObject t ? ASN1Sequence.getInstance(t, false)
                    : ASN1Sequence.getInstance(p);
            String oid = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId();
            ASN1Encodable value = seq.getObjectAt(1);
            while (value instanceof ASN1TaggedObject tagged) {
                value = tagged.getExplicitBaseObject();
            }
            if (!(value instanceof ASN1String s)) {
                return false;
            }
            String v = s.getString();
            if (XMPP_ADDR.equals(oid)) {
                return normalise(v).equals(domain);
            }
            if (SRV_NAME.equals(oid)) {
                // RFC 4985 / RFC 6125 §6.5.1: "_service.domain".
                String lower = v.toLowerCase(Locale.ROOT);
                for (String service : new String[] {"_xmpp-server.", "_xmpps-server."}) {
                    if (lower.startsWith(service)) {
                        return normalise(v.substring(service.length())).equals(domain);
                    }
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
