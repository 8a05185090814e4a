package im.kith.bench.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScramClientTest {

    /** RFC 5802 §5. */
    @Test
    void rfc5802ExampleWithSha1() throws ScramException {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_1, "user", "pencil",
                "fyko+d2lbbFgONRv9qkxdawL", new ScramKeyCache());

        assertEquals("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL", client.clientFirstMessage());
        assertEquals("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
                client.clientFinalMessage("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"));
        client.verifyServerFinal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=");
    }

    /** RFC 7677 §3. */
    @Test
    void rfc7677ExampleWithSha256() throws ScramException {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil",
                "rOprNGfwEbeRWgbNEkqO", new ScramKeyCache());

        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", client.clientFirstMessage());
        assertEquals("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
                client.clientFinalMessage("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        client.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void rejectsAServerThatCannotProveThePassword() throws ScramException {
        ScramClient client = sha256Client();
        client.clientFinalMessage(RFC7677_SERVER_FIRST);

        assertThrows(ScramException.class,
                () -> client.verifyServerFinal("v=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    }

    @Test
    void rejectsANonceThatDoesNotExtendOurs() {
        ScramClient client = sha256Client();

        assertThrows(ScramException.class,
                () -> client.clientFinalMessage("r=somebodyElse,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertThrows(ScramException.class,
                () -> client.clientFinalMessage("r=rOprNGfwEbeRWgbNEkqO,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
    }

    @Test
    void rejectsMandatoryExtensionsAndBadIterationCounts() {
        assertThrows(ScramException.class,
                () -> sha256Client().clientFinalMessage("m=ext," + RFC7677_SERVER_FIRST));
        assertThrows(ScramException.class, () -> sha256Client()
                .clientFinalMessage("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0"));
        assertThrows(ScramException.class, () -> sha256Client()
                .clientFinalMessage("r=rOprNGfwEbeRWgbNEkqOxyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=many"));
    }

    @Test
    void reportsTheServersError() throws ScramException {
        ScramClient client = sha256Client();
        client.clientFinalMessage(RFC7677_SERVER_FIRST);

        ScramException e = assertThrows(ScramException.class, () -> client.verifyServerFinal("e=invalid-proof"));
        assertEquals("server reported invalid-proof", e.getMessage());
    }

    @Test
    void escapesCommaAndEqualsInUsernames() {
        assertEquals("a=2Cb=3Dc", ScramClient.saslName("a,b=c"));
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_1, "x=y", "pw", "n0nce", new ScramKeyCache());
        assertEquals("n,,n=x=3Dy,r=n0nce", client.clientFirstMessage());
    }

    @Test
    void refusesPasswordsThatWouldNeedSaslprep() {
        assertThrows(IllegalArgumentException.class, () -> new ScramClient(ScramMechanism.SCRAM_SHA_1, "user",
                "pässword", "n0nce", new ScramKeyCache()));
    }

    @Test
    void derivesKeysOncePerPasswordSaltAndIterationCount() throws ScramException {
        ScramKeyCache cache = new ScramKeyCache();
        for (int i = 0; i < 3; i++) {
            ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil",
                    "rOprNGfwEbeRWgbNEkqO", cache);
            client.clientFirstMessage();
            client.clientFinalMessage(RFC7677_SERVER_FIRST);
            client.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        }
        assertEquals(1, cache.size());
    }

    @Test
    void prefersSha256WhenOffered() {
        assertEquals(ScramMechanism.SCRAM_SHA_256,
                ScramMechanism.strongestOf(List.of("PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256")).orElseThrow());
        assertEquals(ScramMechanism.SCRAM_SHA_1,
                ScramMechanism.strongestOf(List.of("SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN")).orElseThrow());
        assertEquals(true, ScramMechanism.strongestOf(List.of("PLAIN", "DIGEST-MD5")).isEmpty());
    }

    private static final String RFC7677_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    private static ScramClient sha256Client() {
        ScramClient client = new ScramClient(ScramMechanism.SCRAM_SHA_256, "user", "pencil", "rOprNGfwEbeRWgbNEkqO",
                new ScramKeyCache());
        client.clientFirstMessage();
        return client;
    }
}
