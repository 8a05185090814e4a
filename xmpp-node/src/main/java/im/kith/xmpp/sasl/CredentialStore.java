package im.kith.xmpp.sasl;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where the SASL mechanisms look accounts up; implemented by the account service. Look-ups never block
 * the caller: the stage completes when the data is there, on whatever thread fetched it.
 */
public interface CredentialStore {

    /** The account with this (already normalised) localpart, or empty if there is none. */
    CompletionStage<Optional<SaslAccount>> credentials(String localpart);

    /**
     * A random secret that stays the same across restarts, from which SCRAM derives salts for accounts
     * that do not exist, so that the server-first-message does not tell whether an account exists.
     */
    byte[] decoySecret();
}
