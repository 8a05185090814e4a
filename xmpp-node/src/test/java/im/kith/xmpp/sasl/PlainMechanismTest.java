package im.kith.xmpp.sasl;

import static im.kith.xmpp.sasl.SaslFixtures.plainContext;
import static im.kith.xmpp.sasl.SaslFixtures.step;
import static im.kith.xmpp.sasl.SaslFixtures.tlsContext;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PLAIN (RFC 4616) under TLS only (RFC 6120 §6.4.1), with the authzid rules of RFC 6120 §6.3.8. */
class PlainMechanismTest {
    private final SaslFixtures f = new SaslFixtures("unused");
    private final SaslContext tls = tlsContext(ChannelBinding.NONE);

    PlainMechanismTest() {
        f.addAccount("juliet", "r0m30 myr0m30", false);
        f.addAccount("tybalt", "capulet", true);
    }

    @Test
    void plainIsNotOfferedWithoutTls() {
        assertThat(f.mechanisms.find("PLAIN", plainContext())).isEmpty();
        assertThat(f.mechanisms.find("PLAIN", tls)).isPresent();
    }

    @Test
    void theRightPasswordSucceeds() {
        SaslStep result = plain("\0juliet\0r0m30 myr0m30");

        assertThat(result).isEqualTo(new SaslStep.Success("juliet", null));
    }

    @Test
    void theUserNameIsNormalised() {
        assertThat(plain("\0JULIET\0r0m30 myr0m30")).isEqualTo(new SaslStep.Success("juliet", null));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        SaslStep wrong = plain("\0juliet\0wrong");
        SaslStep unknown = plain("\0nobody\0r0m30 myr0m30");

        assertThat(wrong).isEqualTo(unknown).isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null));
    }

    @Test
    void anAuthzidNamingTheOwnAccountIsAccepted() {
        assertThat(plain("juliet@example.org\0juliet\0r0m30 myr0m30")).isInstanceOf(SaslStep.Success.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"romeo@example.org", "juliet@example.net", "juliet@example.org/balcony", "@@"})
    void anAuthzidNamingAnyoneElseIsInvalid(String authzid) {
        SaslStep result = plain(authzid + "\0juliet\0r0m30 myr0m30");

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.INVALID_AUTHZID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"juliet", "\0juliet", "\0juliet\0", "\0\0secret", "a\0b\0c\0d"})
    void messagesWithoutExactlyTwoSeparatorsAndBothFieldsAreMalformed(String message) {
        assertThat(((SaslStep.Failure) plain(message)).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void aMessageThatIsNotUtf8IsMalformed() {
        SaslExchange exchange = f.mechanism("PLAIN", tls).start(tls);

        SaslStep result = step(exchange, new byte[] {0, 'j', 0, (byte) 0xFF});

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void aDisabledAccountIsReportedOnlyAfterTheRightPassword() {
        assertThat(plain("\0tybalt\0montague")).isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null));
        assertThat(((SaslStep.Failure) plain("\0tybalt\0capulet")).condition())
                .isEqualTo(SaslFailure.ACCOUNT_DISABLED);
    }

    @Test
    void anEmptyInitialResponseIsAnsweredWithAnEmptyChallenge() {
        SaslExchange exchange = f.mechanism("PLAIN", tls).start(tls);

        assertThat(((SaslStep.Challenge) step(exchange, new byte[0])).data()).isEmpty();
        assertThat(step(exchange, "\0juliet\0r0m30 myr0m30")).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void anAccountWithOnlyAScramSha1CredentialCanUsePlain() {
        f.addAccount("nurse", false, ScramCredential.derive(ScramHash.SHA_1, "verona", SaslFixtures.salt(3), 4096));

        assertThat(plain("\0nurse\0verona")).isEqualTo(new SaslStep.Success("nurse", null));
    }

    private SaslStep plain(String message) {
        return step(f.mechanism("PLAIN", tls).start(tls), message);
    }
}
