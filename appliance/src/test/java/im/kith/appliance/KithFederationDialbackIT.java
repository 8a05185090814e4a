package im.kith.appliance;

import java.nio.file.Path;

/**
 * {@link KithFederationScenarios} with the nodes' own self-signed certificates: each lists the other's
 * domains in KITH_S2S_INSECURE_DOMAINS, so every stream authenticates by Server Dialback (XEP-0220), the
 * key checked by the other node over a separate stream.
 */
class KithFederationDialbackIT extends KithFederationScenarios {

    @Override
    void prepare(KithNodeProcess a, KithNodeProcess b, Path runDir) {
        a.environment("KITH_S2S_INSECURE_DOMAINS", B + ",groups." + B);
        b.environment("KITH_S2S_INSECURE_DOMAINS", A + ",groups." + A);
    }

    @Override
    String authentication() {
        return "dialback";
    }
}
