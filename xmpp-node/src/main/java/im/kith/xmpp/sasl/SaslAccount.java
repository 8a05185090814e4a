package im.kith.xmpp.sasl;

import java.util.List;
import java.util.Optional;

/**
 * An account as SASL sees it: its normalised localpart, whether it may log in, and its stored SCRAM
 * credentials (one per {@link ScramHash}; an account created before a hash was supported may lack it).
 */
public record SaslAccount(String localpart, boolean disabled, List<ScramCredential> credentials) {

    public SaslAccount {
        credentials = List.copyOf(credentials);
    }

    /** The credential for a hash, if the account has one. */
    public Optional<ScramCredential> credential(ScramHash hash) {
        return credentials.stream().filter(c -> c.hash() == hash).findFirst();
    }
}
