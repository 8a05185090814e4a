package im.kith.xmpp.s2s;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;

/**
 * {@link EjabberdFederationScenarios} with a self-signed certificate on ejabberd (its domains listed in
 * KITH_S2S_INSECURE_DOMAINS) and {@code mod_s2s_dialback}: every stream in both directions authenticates
 * by Server Dialback (XEP-0220), Kith verifying ejabberd's keys with ejabberd and answering ejabberd's
 * verification requests for its own.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = EjabberdPeer.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = EjabberdPeer.AUTHENTICATION, value = EjabberdPeer.DIALBACK))
class EjabberdDialbackFederationTest extends EjabberdFederationScenarios {

    @Override
    String authentication() {
        return "dialback";
    }
}
