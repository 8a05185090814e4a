package im.kith.appliance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import im.kith.testkit.TestPki;

/**
 * {@link KithFederationScenarios} with certificates from a throw-away CA that both nodes trust through
 * KITH_S2S_CA and nothing listed as insecure: every stream, in both directions, authenticates by SASL
 * EXTERNAL (RFC 6120 §6.4, XEP-0178) with the certificate each node presents as its TLS client
 * certificate. The certificates name the domains only in subjectAltName dNSName entries; their CN is a
 * decoy.
 */
class KithFederationCertificateIT extends KithFederationScenarios {

    @Override
    void prepare(KithNodeProcess a, KithNodeProcess b, Path runDir) throws Exception {
        TestPki pki = TestPki.create("Kith two-node federation test CA");
        Path ca = runDir.resolve("ca.pem");
        Files.writeString(ca, pki.caPem());
        for (KithNodeProcess node : List.of(a, b)) {
            String d = node.domain;
            pki.issue("decoy-cn.invalid", List.of(d, "groups." + d, "share." + d), List.of())
                    .writeTo(node.dataDir().resolve("certs"), "fullchain.pem", "privkey.pem");
            node.environment("KITH_S2S_CA", ca.toString());
            node.environment("KITH_S2S_INSECURE_DOMAINS", "");
        }
    }

    @Override
    String authentication() {
        return "SASL EXTERNAL";
    }
}
