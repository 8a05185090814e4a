package im.kith.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void roundTrips() {
        Payload payload = new Payload("0123456789abcdef", 17, 4711, -9_000_000_000L);
        assertEquals("kb1 0123456789abcdef 17 4711 -9000000000", payload.encode());
        assertEquals(payload, Payload.parse(payload.encode()));
    }

    @Test
    void ignoresBodiesThatAreNotOurs() {
        assertNull(Payload.parse(null));
        assertNull(Payload.parse("hello"));
        assertNull(Payload.parse("kb1 run 1 2"));
        assertNull(Payload.parse("kb1 run x 2 3"));
        assertNull(Payload.parse("kb0 run 1 2 3"));
    }

    @Test
    void runIdsAreFreshEachTime() {
        String first = ScenarioContext.freshRunId();
        assertEquals(16, first.length());
        assertEquals(false, first.equals(ScenarioContext.freshRunId()));
    }
}
