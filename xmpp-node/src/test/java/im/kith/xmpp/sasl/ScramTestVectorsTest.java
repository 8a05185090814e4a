package im.kith.xmpp.sasl;

import static im.kith.xmpp.sasl.SaslFixtures.b64;
import static im.kith.xmpp.sasl.SaslFixtures.plainContext;
import static im.kith.xmpp.sasl.SaslFixtures.step;
import static im.kith.xmpp.sasl.SaslFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The example exchanges of RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256), byte for byte. */
class ScramTestVectorsTest {

    @Test
    void scramSha1MatchesTheExampleOfRfc5802() {
        SaslFixtures f = new SaslFixtures("3rfcNHYJY1ZVvWVs7j");
        f.addAccount("user", false,
                ScramCredential.derive(ScramHash.SHA_1, "pencil", b64("QSXCR+Q6sek8bf92"), 4096));
        SaslExchange exchange = f.mechanism("SCRAM-SHA-1", plainContext()).start(plainContext());

        SaslStep first = step(exchange, "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        assertThat(text(((SaslStep.Challenge) first).data()))
                .isEqualTo("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");

        SaslStep last = step(exchange, "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
                + "p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
        assertThat(last).isInstanceOf(SaslStep.Success.class);
        SaslStep.Success success = (SaslStep.Success) last;
        assertThat(success.localpart()).isEqualTo("user");
        assertThat(text(success.additionalData())).isEqualTo("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    @Test
    void scramSha256MatchesTheExampleOfRfc7677() {
        SaslFixtures f = new SaslFixtures("%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0");
        f.addAccount("user", false,
                ScramCredential.derive(ScramHash.SHA_256, "pencil", b64("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096));
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());

        SaslStep first = step(exchange, "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(text(((SaslStep.Challenge) first).data())).isEqualTo(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");

        SaslStep last = step(exchange, "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        SaslStep.Success success = (SaslStep.Success) last;
        assertThat(success.localpart()).isEqualTo("user");
        assertThat(text(success.additionalData()))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void aWrongProofForTheExampleIsNotAuthorized() {
        SaslFixtures f = new SaslFixtures("3rfcNHYJY1ZVvWVs7j");
        f.addAccount("user", false,
                ScramCredential.derive(ScramHash.SHA_1, "pencil", b64("QSXCR+Q6sek8bf92"), 4096));
        SaslExchange exchange = f.mechanism("SCRAM-SHA-1", plainContext()).start(plainContext());
        step(exchange, "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");

        SaslStep last = step(exchange, "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,"
                + "p=v1X8v3Bz2T0CJGbJQyF0X+HI4Ts=");

        assertThat(last).isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null));
    }

    @Test
    void theUserNameIsNormalisedAndTheSuccessNamesTheStoredLocalpart() {
        SaslFixtures f = new SaslFixtures("srv");
        f.addAccount("juliet", "r0m30myr0m30", false);
        ScramClient client = new ScramClient(ScramHash.SHA_256, "Juliet", "r0m30myr0m30", "abc", "n,,", new byte[0]);
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());

        String serverFirst = text(((SaslStep.Challenge) step(exchange, client.clientFirst())).data());
        SaslStep last = step(exchange, client.clientFinal(serverFirst));

        assertThat(((SaslStep.Success) last).localpart()).isEqualTo("juliet");
        assertThat(text(((SaslStep.Success) last).additionalData())).isEqualTo(client.expectedServerFinal());
    }

    @Test
    void anEmptyInitialResponseGetsAnEmptyChallengeAndTheExchangeContinues() {
        SaslFixtures f = new SaslFixtures("srv");
        f.addAccount("juliet", "r0m30myr0m30", false);
        ScramClient client = new ScramClient(ScramHash.SHA_1, "juliet", "r0m30myr0m30", "abc", "n,,", new byte[0]);
        SaslExchange exchange = f.mechanism("SCRAM-SHA-1", plainContext()).start(plainContext());

        SaslStep empty = step(exchange, new byte[0]);
        assertThat(((SaslStep.Challenge) empty).data()).isEmpty();
        String serverFirst = text(((SaslStep.Challenge) step(exchange, client.clientFirst())).data());

        assertThat(step(exchange, client.clientFinal(serverFirst))).isInstanceOf(SaslStep.Success.class);
    }
}
