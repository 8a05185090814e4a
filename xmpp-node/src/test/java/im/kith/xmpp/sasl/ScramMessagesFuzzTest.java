package im.kith.xmpp.sasl;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzing of the SCRAM message parsers (RFC 5802 §7): any client message is either parsed or refused
 * with a {@link SaslException}; no other exception may escape to the session.
 */
class ScramMessagesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void clientMessagesAreParsedOrRefused(byte[] message) {
        try {
            ScramMessages.parseClientFirst(message);
        } catch (SaslException expected) {
            // refused: fine
        }
        try {
            ScramMessages.parseClientFinal(message);
        } catch (SaslException expected) {
            // refused: fine
        }
    }
}
