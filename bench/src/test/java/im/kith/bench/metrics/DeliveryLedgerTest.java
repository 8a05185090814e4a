package im.kith.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.kith.bench.metrics.DeliveryLedger.Arrival;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void inOrderDeliveryIsClean() {
        DeliveryLedger ledger = new DeliveryLedger();
        for (int seq = 0; seq < 5; seq++) {
            ledger.sent(1, 2);
        }
        for (int seq = 0; seq < 5; seq++) {
            assertEquals(Arrival.IN_ORDER, ledger.received(1, 2, seq));
        }
        DeliveryCounts counts = ledger.counts();
        assertEquals(new DeliveryCounts(5, 5, 0, 0, 0, 0), counts);
        assertTrue(counts.clean());
    }

    @Test
    void messagesThatNeverArriveAreLost() {
        DeliveryLedger ledger = sent(1, 2, 4);
        ledger.received(1, 2, 0);
        ledger.received(1, 2, 3);

        DeliveryCounts counts = ledger.counts();
        assertEquals(2, counts.lost());
        assertEquals(0, counts.reordered());
        assertFalse(counts.clean());
    }

    @Test
    void aSecondArrivalIsADuplicateAndDoesNotHideALoss() {
        DeliveryLedger ledger = sent(1, 2, 2);
        assertEquals(Arrival.IN_ORDER, ledger.received(1, 2, 0));
        assertEquals(Arrival.DUPLICATE, ledger.received(1, 2, 0));

        DeliveryCounts counts = ledger.counts();
        assertEquals(1, counts.delivered());
        assertEquals(1, counts.duplicated());
        assertEquals(1, counts.lost());
    }

    @Test
    void anEarlierMessageArrivingAfterALaterOneIsReordered() {
        DeliveryLedger ledger = sent(1, 2, 3);
        assertEquals(Arrival.IN_ORDER, ledger.received(1, 2, 0));
        assertEquals(Arrival.IN_ORDER, ledger.received(1, 2, 2));
        assertEquals(Arrival.REORDERED, ledger.received(1, 2, 1));

        DeliveryCounts counts = ledger.counts();
        assertEquals(1, counts.reordered());
        assertEquals(0, counts.lost());
        assertEquals(3, counts.delivered());
    }

    @Test
    void pairsAreIndependent() {
        DeliveryLedger ledger = new DeliveryLedger();
        ledger.sent(1, 2);
        ledger.sent(2, 1);
        ledger.sent(1, 3);
        assertEquals(Arrival.IN_ORDER, ledger.received(1, 2, 0));
        assertEquals(Arrival.IN_ORDER, ledger.received(2, 1, 0));
        assertEquals(Arrival.IN_ORDER, ledger.received(1, 3, 0));

        assertEquals(new DeliveryCounts(3, 3, 0, 0, 0, 0), ledger.counts());
    }

    @Test
    void broadcastsShareASequenceAcrossRecipients() {
        DeliveryLedger ledger = new DeliveryLedger();
        for (int seq = 0; seq < 2; seq++) {
            for (int recipient = 0; recipient < 3; recipient++) {
                ledger.sent(7, recipient);
            }
        }
        for (int recipient = 0; recipient < 3; recipient++) {
            ledger.received(7, recipient, 0);
        }
        ledger.received(7, 0, 1);
        ledger.received(7, 1, 1);

        DeliveryCounts counts = ledger.counts();
        assertEquals(6, counts.expected());
        assertEquals(1, counts.lost());
    }

    @Test
    void staleMessagesAreCountedApart() {
        DeliveryLedger ledger = sent(1, 2, 1);
        ledger.stale();
        ledger.stale();
        ledger.received(1, 2, 0);

        DeliveryCounts counts = ledger.counts();
        assertEquals(2, counts.stale());
        assertTrue(counts.clean());
    }

    private static DeliveryLedger sent(int sender, int recipient, int count) {
        DeliveryLedger ledger = new DeliveryLedger();
        for (int i = 0; i < count; i++) {
            ledger.sent(sender, recipient);
        }
        return ledger;
    }
}
