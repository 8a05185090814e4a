package im.kith.xmpp.s2s;

import java.security.cert.X509Certificate;
import java.util.List;

import im.kith.xmpp.session.Connection;

/**
 * A TCP connection to or from another server, as the federation layer sees it; implemented by the
 * transport package. {@link #startTls()} performs the server side of the handshake on accepted
 * connections and the client side (with SNI) on initiated ones.
 */
public interface S2sLink extends Connection {

    /** The certificate chain the peer presented in the TLS handshake, leaf first; empty if none. */
    List<X509Certificate> peerCertificates();

    /** A short description of the remote end for logs, e.g. {@code 192.0.2.1:5269}. */
    String describe();
}
