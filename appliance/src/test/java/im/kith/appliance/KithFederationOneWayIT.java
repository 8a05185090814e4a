package im.kith.appliance;

import java.nio.file.Path;

/**
 * {@link KithFederationDialbackIT} with bidirectional streams turned off on {@value #B}
 * (KITH_S2S_BIDI=false): it neither offers nor asks for XEP-0288, so each direction gets a connection
 * of its own, as between servers without it, and everything still works.
 */
class KithFederationOneWayIT extends KithFederationDialbackIT {

    @Override
    void prepare(KithNodeProcess a, KithNodeProcess b, Path runDir) {
        super.prepare(a, b, runDir);
        b.environment("KITH_S2S_BIDI", "false");
    }

    @Override
    boolean bidi() {
        return false;
    }
}
