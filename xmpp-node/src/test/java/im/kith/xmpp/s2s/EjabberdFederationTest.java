package im.kith.xmpp.s2s;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;

/**
 * {@link EjabberdFederationScenarios} with certificates from a test CA on both sides and no dialback
 * module in ejabberd: every stream in both directions authenticates by SASL EXTERNAL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(value = EjabberdPeer.class, restrictToAnnotatedClass = true)
class EjabberdFederationTest extends EjabberdFederationScenarios {

    @Override
    String authentication() {
        return "SASL EXTERNAL";
    }
}
