package im.kith.xmpp.s2s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Checks a peer server's certificate chain for a domain: PKIX path validation against the JDK trust
 * store plus the optional KITH_S2S_CA file (RFC 6120 §13.7.2), then the identity check of RFC 6125 §6
 * as profiled for XMPP by RFC 7590 §3 and RFC 6120 §13.7.1.2 ({@link ServiceIdentity}).
 */
@ApplicationScoped
public class PeerCertificateVerifier {
    private static final Logger LOG = Logger.getLogger(PeerCertificateVerifier.class);

    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    @Inject
    public PeerCertificateVerifier(FederationConfig config, Clock clock) {
        this.clock = clock;
        this.anchors = anchors(config.ca().map(Path::of).orElse(null));
    }

    private static Set<TrustAnchor> anchors(Path extraCa) {
        Set<TrustAnchor> out = new HashSet<>();
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        out.add(new TrustAnchor(c, null));
                    }
                }
            }
            if (extraCa != null) {
                try (InputStream in = Files.newInputStream(extraCa)) {
                    for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        out.add(new TrustAnchor((X509Certificate) c, null));
                    }
                }
                LOG.infof("federation trusts the extra CA certificates in %s", extraCa);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load trust anchors for federation: " + e.getMessage(), e);
        }
        return Set.copyOf(out);
    }

    /** Checks the chain (leaf first) for the domain. */
    public PeerVerdict verify(List<X509Certificate> chain, String domain) {
        if (chain.isEmpty()) {
            return new PeerVerdict.Untrusted("no certificate presented");
        }
        List<X509Certificate> path = withoutAnchors(chain);
        if (path.isEmpty()) {
            path = List.of(chain.getFirst());
        }
        try {
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (GeneralSecurityException e) {
            return new PeerVerdict.Untrusted("certificate does not validate: " + e.getMessage());
        }
        if (!ServiceIdentity.matches(chain.getFirst(), domain)) {
            return new PeerVerdict.Untrusted("certificate is not valid for " + domain);
        }
        return new PeerVerdict.Trusted();
    }

    private List<X509Certificate> withoutAnchors(List<X509Certificate> chain) {
        List<X509Certificate> out = new ArrayList<>(chain);
        while (out.size() > 1 && isAnchor(out.getLast())) {
            out.removeLast();
        }
        return out;
    }

    private boolean isAnchor(X509Certificate c) {
        for (TrustAnchor a : anchors) {
            if (c.equals(a.getTrustedCert())) {
                return true;
            }
        }
        return false;
    }
}
