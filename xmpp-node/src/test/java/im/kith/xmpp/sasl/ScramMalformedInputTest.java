package im.kith.xmpp.sasl;

import static im.kith.xmpp.sasl.SaslFixtures.plainContext;
import static im.kith.xmpp.sasl.SaslFixtures.step;
import static im.kith.xmpp.sasl.SaslFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that does not follow RFC 5802 §7 ends the exchange with malformed-request, never an exception. */
class ScramMalformedInputTest {

    private final SaslFixtures f = fixtures();

    private static SaslFixtures fixtures() {
        SaslFixtures f = new SaslFixtures("srv");
        f.addAccount("user", "pencil", false);
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage",
            "n,",
            "x,,n=user,r=abc",
            "p=,,n=user,r=abc",
            "p=tls exporter,,n=user,r=abc",
            "n,b=user,n=user,r=abc",
            "n,,r=abc,n=user",
            "n,,n=user",
            "n,,n=,r=abc",
            "n,,n=us=er,r=abc",
            "n,,n=us=2Xer,r=abc",
            "n,,n=user,r=",
            "n,,n=user,r=a b",
            "n,,n=user,r=abc,1=x",
            "n,,m=ext,n=user,r=abc",
            "n,,n=user,r=abc,=x"})
    void malformedClientFirstMessagesAreRejected(String message) {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());

        SaslStep result = step(exchange, message);

        assertThat(result).isInstanceOf(SaslStep.Failure.class);
        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void aClientFirstMessageThatIsNotUtf8IsMalformed() {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());

        SaslStep result = step(exchange, new byte[] {'n', ',', ',', 'n', '=', (byte) 0xC3, (byte) 0x28});

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "c=biws",
            "c=biws,r=abcsrv",
            "r=abcsrv,c=biws,p=AAAA",
            "c=!!!!,r=abcsrv,p=AAAA",
            "c=biws,r=abcsrv,p=not base64",
            "c=biws,r=abcsrv,p=AAAA,x=trailing",
            "c=biws,p=AAAA,r=abcsrv"})
    void malformedClientFinalMessagesAreRejected(String message) {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());
        step(exchange, "n,,n=user,r=abc");

        SaslStep result = step(exchange, message);

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void aProofOfTheWrongLengthIsNotAuthorized() {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());
        step(exchange, "n,,n=user,r=abc");

        SaslStep result = step(exchange, "c=biws,r=abcsrv,p=AAAA");

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void aNonceOtherThanTheServersIsNotAuthorized() {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());
        step(exchange, "n,,n=user,r=abc");

        SaslStep result = step(exchange, "c=biws,r=abcother,p=AAAA");

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void stepsAfterTheEndAreMalformed() {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());
        step(exchange, "garbage");

        SaslStep result = step(exchange, "n,,n=user,r=abc");

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            SaslExchange exchange = f.mechanism("SCRAM-SHA-1", plainContext()).start(plainContext());
            SaslStep first = step(exchange, junk);
            if (first instanceof SaslStep.Challenge) {
                random.nextBytes(junk);
                assertThat(step(exchange, junk)).isInstanceOf(SaslStep.Failure.class);
            }
        }
    }

    @Test
    void anUnknownUserGetsAStableSaltAndTheUsualIterationsAndFailsLikeAWrongPassword() {
        String firstSeen = serverFirst("nobody");
        String again = serverFirst("nobody");
        String other = serverFirst("somebody");
        String known = serverFirst("user");

        assertThat(again).isEqualTo(firstSeen);
        assertThat(salt(other)).isNotEqualTo(salt(firstSeen));
        assertThat(salt(firstSeen)).hasSameSizeAs(salt(known));
        assertThat(firstSeen).endsWith(",i=4096");

        ScramClient unknown = new ScramClient(ScramHash.SHA_256, "nobody", "pencil", "abc", "n,,", new byte[0]);
        ScramClient wrong = new ScramClient(ScramHash.SHA_256, "user", "crayon", "abc", "n,,", new byte[0]);
        assertThat(run(unknown)).isEqualTo(run(wrong))
                .isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null));
    }

    @Test
    void aNameThatCannotBeALocalpartIsTreatedLikeAnUnknownUser() {
        ScramClient invalid = new ScramClient(ScramHash.SHA_256, "a@b", "pencil", "abc", "n,,", new byte[0]);

        assertThat(run(invalid)).isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null));
    }

    @Test
    void anAuthzidNamingAnotherAccountIsRejected() {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());

        SaslStep result = step(exchange, "n,a=admin@example.org,n=user,r=abc");

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.INVALID_AUTHZID);
    }

    @Test
    void anAuthzidNamingTheOwnAccountIsAccepted() {
        ScramClient client = new ScramClient(ScramHash.SHA_256, "user", "pencil", "abc",
                "n,a=User@Example.org,", new byte[0]);

        assertThat(run(client)).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void aDisabledAccountIsReportedOnlyAfterTheRightPassword() {
        f.addAccount("gone", "pencil", true);

        assertThat(run(new ScramClient(ScramHash.SHA_256, "gone", "crayon", "abc", "n,,", new byte[0])))
                .isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, null));
        assertThat(run(new ScramClient(ScramHash.SHA_256, "gone", "pencil", "abc", "n,,", new byte[0])))
                .extracting(s -> ((SaslStep.Failure) s).condition()).isEqualTo(SaslFailure.ACCOUNT_DISABLED);
    }

    private String serverFirst(String user) {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());
        return text(((SaslStep.Challenge) step(exchange, "n,,n=" + user + ",r=abc")).data());
    }

    private static String salt(String serverFirst) {
        return serverFirst.split(",")[1];
    }

    private SaslStep run(ScramClient client) {
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", plainContext()).start(plainContext());
        SaslStep first = step(exchange, client.clientFirst());
        return step(exchange, client.clientFinal(text(((SaslStep.Challenge) first).data())));
    }
}
