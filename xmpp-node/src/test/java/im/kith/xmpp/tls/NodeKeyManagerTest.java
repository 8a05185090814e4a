package im.kith.xmpp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The key manager answers with the newest material, and a handshake begun before a swap still completes. */
class NodeKeyManagerTest {

    @Test
    void newHandshakesGetTheNewCertificateAndAnAliasChosenBeforeTheSwapStillResolves() throws Exception {
        TlsMaterial first = material("one.example");
        TlsMaterial second = material("two.example");
        NodeKeyManager keys = new NodeKeyManager(first);

        String before = keys.chooseEngineServerAlias("EC", null, null);
        keys.install(second);
        String after = keys.chooseEngineServerAlias("EC", null, null);

        assertThat(after).isNotEqualTo(before);
        assertThat(keys.getCertificateChain(after)[0]).isEqualTo(second.leaf());
        // The handshake that picked the old alias gets the old chain with its own key.
        assertThat(keys.getCertificateChain(before)[0]).isEqualTo(first.leaf());
        assertThat(keys.getPrivateKey(before)).isEqualTo(Pem.privateKey(first.keyPem()));
        assertThat(keys.getServerAliases("EC", null)).containsExactly(after);
    }

    @Test
    void aKeyOfAnotherTypeIsNotOffered() throws Exception {
        NodeKeyManager keys = new NodeKeyManager(material("ec.example"));

        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        assertThat(keys.getServerAliases("RSA", null)).isNull();
        assertThat(keys.chooseEngineClientAlias(new String[] {"RSA", "EC"}, null, null)).startsWith("kith-");
        assertThat(keys.getCertificateChain("unknown")).isNull();
    }

    private static TlsMaterial material(String name) throws Exception {
        byte[][] pems = SelfSignedCertificate.create(List.of(name), Instant.now());
        return new TlsMaterial(Pem.certificates(pems[0]), pems[0], pems[1]);
    }
}
