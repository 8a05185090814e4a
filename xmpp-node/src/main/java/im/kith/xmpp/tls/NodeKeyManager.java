package im.kith.xmpp.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The key manager behind every TLS listener of the node: it always answers with the current
 * {@link TlsMaterial}, so a renewed certificate is used from the next handshake on without rebuilding any
 * TLS context or touching a listening socket. Connections that arrive while a certificate is swapped
 * are served with the old or the new one, never refused.
 *
 * <p>Each material gets its own alias, and the previous one stays resolvable, so a handshake that chose
 * an alias just before a swap still gets a matching chain and key.
 *
 * <p>A handshake that negotiated the ALPN protocol {@code acme-tls/1} (only the HTTPS listener offers
 * it) is answered with the TLS-ALPN-01 validation certificate that the {@link AlpnChallengeResponder} has
 * for the client's SNI name, never with the node's certificate. Without one, or without SNI, no
 * certificate is chosen and the handshake fails: {@code acme-tls/1} carries nothing but the validation
 * certificate (RFC 8737 §4), so there is nothing else to answer with.
 */
@Singleton
public class NodeKeyManager extends X509ExtendedKeyManager {
    /** One loaded key and chain, named by an alias that is never reused. */
    private record Entry(String alias, PrivateKey key, X509Certificate[] chain) {
        boolean fits(String keyType) {
            return key.getAlgorithm().equals(keyType);
        }
    }

    /** Aliases of validation certificates: this prefix, the certificate's serial number in hex, ':', the name. */
    private static final String CHALLENGE_ALIAS = "acme-tls/1:";
    /** RFC 8737 §4: acme-tls/1 is only spoken over TLS 1.2 or newer. */
    private static final Set<String> CHALLENGE_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private final AtomicLong generation = new AtomicLong();
    private final AlpnChallengeResponder challenges;
    private volatile Entry current;
    private volatile Entry previous;

    @Inject
    public NodeKeyManager(TlsMaterialSource source, AlpnChallengeResponder challenges) {
        this(source.current(), challenges);
        source.onChange(this::install);
    }

    NodeKeyManager(TlsMaterial initial, AlpnChallengeResponder challenges) {
        this.challenges = challenges;
        install(initial);
    }

    NodeKeyManager(TlsMaterial initial) {
        this(initial, sni -> Optional.empty());
    }

    /** Uses {@code material} for every handshake from now on. */
    void install(TlsMaterial material) {
        PrivateKey key;
        try {
            key = Pem.privateKey(material.keyPem());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the node's private key cannot be read: " + e.getMessage(), e);
        }
        Entry entry = new Entry("kith-" + generation.incrementAndGet(), key,
                material.chain().toArray(X509Certificate[]::new));
        synchronized (this) {
            previous = current;
            current = entry;
        }
    }

    private String choose(String keyType) {
        Entry e = current;
        return e.fits(keyType) ? e.alias() : null;
    }

    private String choose(String[] keyTypes) {
        if (keyTypes != null) {
            for (String keyType : keyTypes) {
                String alias = choose(keyType);
                if (alias != null) {
                    return alias;
                }
            }
        }
        return null;
    }

    private Entry find(String alias) {
        Entry e = current;
        if (e.alias().equals(alias)) {
            return e;
        }
        Entry p = previous;
        return p != null && p.alias().equals(alias) ? p : null;
    }

    /**
     * RFC 8737 §3: the validation certificate is returned only on a handshake that negotiated
     * {@code acme-tls/1} and named the validated domain in SNI.
     */
    private String chooseChallenge(String keyType, SSLSession handshake) {
        if (!(handshake instanceof ExtendedSSLSession session) || !CHALLENGE_PROTOCOLS.contains(session.getProtocol())) {
            return null;
        }
        return sniName(session.getRequestedServerNames())
                .flatMap(name -> challenges.forName(name)
                        .filter(c -> c.key().getAlgorithm().equals(keyType))
                        .map(c -> CHALLENGE_ALIAS + c.certificate().getSerialNumber().toString(16) + ":" + name))
                .orElse(null);
    }

    /** The validation certificate an alias of {@link #chooseChallenge} names, if it is still the current one. */
    private Optional<ValidationCertificate> challenge(String alias) {
        String rest = alias.substring(CHALLENGE_ALIAS.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String serial = rest.substring(0, colon);
        return challenges.forName(rest.substring(colon + 1))
                .filter(c -> c.certificate().getSerialNumber().toString(16).equals(serial));
    }

    private static Optional<String> sniName(List<SNIServerName> names) {
        return names.stream().filter(SNIHostName.class::isInstance)
                .map(n -> ((SNIHostName) n).getAsciiName()).findFirst();
    }

    private static boolean acmeTls(String negotiated) {
        return AlpnChallengeResponder.ACME_TLS_1.equals(negotiated);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        if (engine != null && acmeTls(engine.getHandshakeApplicationProtocol())) {
            return chooseChallenge(keyType, engine.getHandshakeSession());
        }
        return choose(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        if (socket instanceof SSLSocket ssl && acmeTls(ssl.getHandshakeApplicationProtocol())) {
            return chooseChallenge(keyType, ssl.getHandshakeSession());
        }
        return choose(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return choose(keyTypes);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return choose(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        String alias = choose(keyType);
        return alias == null ? null : new String[] {alias};
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        if (alias != null && alias.startsWith(CHALLENGE_ALIAS)) {
            return challenge(alias).map(c -> new X509Certificate[] {c.certificate()}).orElse(null);
        }
        Entry e = find(alias);
        return e == null ? null : e.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        if (alias != null && alias.startsWith(CHALLENGE_ALIAS)) {
            return challenge(alias).map(ValidationCertificate::key).orElse(null);
        }
        Entry e = find(alias);
        return e == null ? null : e.key();
    }
}
