package im.kith.acme;

/** Where the node's certificate management stands. */
public enum AcmeState {
    /** ACME is off; the XMPP node uses its own (self-signed or operator-provided) certificate. */
    DISABLED,
    /** No usable CA certificate yet; one is being obtained. */
    OBTAINING,
    /** A CA certificate is installed and not yet due for renewal. */
    VALID,
    /** The installed certificate is being renewed. */
    RENEWING,
    /** The last attempt failed; see the last error and the next attempt. */
    FAILING
}
