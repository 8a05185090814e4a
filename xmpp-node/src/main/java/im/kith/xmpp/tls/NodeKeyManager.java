package im.kith.xmpp.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;
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
 */
@Singleton
public class NodeKeyManager extends X509ExtendedKeyManager {
    /** One loaded key and chain, named by an alias that is never reused. */
    private record Entry(String alias, PrivateKey key, X509Certificate[] chain) {
        boolean fits(String keyType) {
            return key.getAlgorithm().equals(keyType);
        }
    }

    private final AtomicLong generation = new AtomicLong();
    private volatile Entry current;
    private volatile Entry previous;

    @Inject
    public NodeKeyManager(TlsMaterialSource source) {
        this(source.current());
        source.onChange(this::install);
    }

    NodeKeyManager(TlsMaterial initial) {
        install(initial);
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

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
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
        Entry e = find(alias);
        return e == null ? null : e.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry e = find(alias);
        return e == null ? null : e.key();
    }
}
