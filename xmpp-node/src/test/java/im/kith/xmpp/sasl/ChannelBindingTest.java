package im.kith.xmpp.sasl;

import static im.kith.xmpp.sasl.SaslFixtures.binding;
import static im.kith.xmpp.sasl.SaslFixtures.plainContext;
import static im.kith.xmpp.sasl.SaslFixtures.step;
import static im.kith.xmpp.sasl.SaslFixtures.text;
import static im.kith.xmpp.sasl.SaslFixtures.tlsContext;
import static im.kith.xmpp.sasl.SaslFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCRAM-*-PLUS (RFC 5802 §6) with tls-exporter (RFC 9266) and tls-server-end-point (RFC 5929). */
class ChannelBindingTest {
    private static final byte[] EXPORTER = utf8("exporter-keying-material-32-byte");
    private static final byte[] END_POINT = utf8("sha256-of-the-server-certificate");

    private SaslFixtures f;
    private SaslContext bound;

    @BeforeEach
    void setUp() {
        f = new SaslFixtures("srvnonce");
        f.addAccount("romeo", "wherefore", false);
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("tls-exporter", EXPORTER);
        data.put("tls-server-end-point", END_POINT);
        bound = tlsContext(binding(data));
    }

    @Test
    void mechanismsAreOfferedStrongestFirstAndPlusOnlyWithABinding() {
        assertThat(f.mechanisms.offered(bound)).extracting(SaslMechanism::name).containsExactly(
                "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(f.mechanisms.offered(tlsContext(ChannelBinding.NONE))).extracting(SaslMechanism::name)
                .containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(f.mechanisms.offered(plainContext())).extracting(SaslMechanism::name)
                .containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
        assertThat(f.mechanisms.find("SCRAM-SHA-256-PLUS", tlsContext(ChannelBinding.NONE))).isEmpty();
        assertThat(f.mechanisms.find("DIGEST-MD5", bound)).isEmpty();
        assertThat(f.mechanisms.find(null, bound)).isEmpty();
    }

    @Test
    void aBindingTypeWeCannotVerifyDoesNotEnablePlus() {
        SaslContext onlyUnique = tlsContext(binding(Map.of("tls-unique", utf8("finished"))));

        assertThat(f.mechanisms.offered(onlyUnique)).extracting(SaslMechanism::name)
                .doesNotContain("SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS");
        assertThat(f.mechanisms.channelBindingTypes(onlyUnique)).isEmpty();
        assertThat(f.mechanisms.channelBindingTypes(bound)).containsExactly("tls-exporter", "tls-server-end-point");
    }

    @Test
    void tlsExporterBindingSucceeds() {
        ScramClient client = client(ScramHash.SHA_256, "p=tls-exporter,,", EXPORTER);

        assertThat(run("SCRAM-SHA-256-PLUS", client)).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void tlsServerEndPointBindingSucceedsWithSha1() {
        ScramClient client = client(ScramHash.SHA_1, "p=tls-server-end-point,,", END_POINT);

        SaslStep result = run("SCRAM-SHA-1-PLUS", client);

        assertThat(result).isInstanceOf(SaslStep.Success.class);
        assertThat(text(((SaslStep.Success) result).additionalData())).isEqualTo(client.expectedServerFinal());
    }

    @Test
    void bindingDataOfAnotherConnectionIsRejected() {
        ScramClient client = client(ScramHash.SHA_256, "p=tls-exporter,,", utf8("keying-material-of-a-mitm-conn.."));

        assertThat(run("SCRAM-SHA-256-PLUS", client))
                .isEqualTo(new SaslStep.Failure(SaslFailure.NOT_AUTHORIZED, "channel binding does not match"));
    }

    @Test
    void theBindingTypeOfTheHeaderMustBeTheOneUsed() {
        // Header says tls-server-end-point but the client binds the exporter value.
        ScramClient client = client(ScramHash.SHA_256, "p=tls-server-end-point,,", EXPORTER);

        assertThat(run("SCRAM-SHA-256-PLUS", client)).extracting(s -> ((SaslStep.Failure) s).condition())
                .isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void aClientThatKnowsOnlyTlsUniqueMaySayYWhilePlusIsOffered() {
        ScramClient client = client(ScramHash.SHA_256, "y,,", new byte[0]);
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", bound).start(bound);

        String serverFirst = text(((SaslStep.Challenge) step(exchange, client.clientFirst())).data());

        assertThat(step(exchange, client.clientFinal(serverFirst))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void theYFlagIsAcceptedWhereNoBindingIsOffered() {
        ScramClient client = client(ScramHash.SHA_256, "y,,", new byte[0]);
        SaslContext unbound = tlsContext(ChannelBinding.NONE);
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", unbound).start(unbound);

        String serverFirst = text(((SaslStep.Challenge) step(exchange, client.clientFirst())).data());

        assertThat(step(exchange, client.clientFinal(serverFirst))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void aChangedGs2HeaderInTheFinalMessageIsRejected() {
        // The client announces "n" but proves "y" in c=: an attacker stripped the flag.
        ScramClient honest = client(ScramHash.SHA_256, "y,,", new byte[0]);
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", bound).start(bound);
        String serverFirst = text(((SaslStep.Challenge) step(exchange, "n,,n=romeo,r=clientnonce")).data());

        SaslStep result = step(exchange, honest.clientFinal(serverFirst));

        assertThat(((SaslStep.Failure) result).condition()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
    }

    @Test
    void plusWithoutBindingFlagIsMalformed() {
        ScramClient client = client(ScramHash.SHA_256, "n,,", new byte[0]);
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256-PLUS", bound).start(bound);

        assertThat(((SaslStep.Failure) step(exchange, client.clientFirst())).condition())
                .isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void bindingWithAPlainScramMechanismIsMalformed() {
        ScramClient client = client(ScramHash.SHA_256, "p=tls-exporter,,", EXPORTER);
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256", bound).start(bound);

        assertThat(((SaslStep.Failure) step(exchange, client.clientFirst())).condition())
                .isEqualTo(SaslFailure.MALFORMED_REQUEST);
    }

    @Test
    void anUnsupportedBindingTypeIsRejected() {
        ScramClient client = client(ScramHash.SHA_256, "p=tls-unique,,", utf8("finished"));
        SaslExchange exchange = f.mechanism("SCRAM-SHA-256-PLUS", bound).start(bound);

        SaslStep.Failure failure = (SaslStep.Failure) step(exchange, client.clientFirst());

        assertThat(failure.condition()).isEqualTo(SaslFailure.NOT_AUTHORIZED);
        assertThat(failure.text()).contains("tls-unique");
    }

    private ScramClient client(ScramHash hash, String gs2Header, byte[] bindingData) {
        return new ScramClient(hash, "romeo", "wherefore", "clientnonce", gs2Header, bindingData);
    }

    private SaslStep run(String mechanism, ScramClient client) {
        SaslExchange exchange = f.mechanism(mechanism, bound).start(bound);
        SaslStep first = step(exchange, client.clientFirst());
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        return step(exchange, client.clientFinal(text(((SaslStep.Challenge) first).data())));
    }
}
