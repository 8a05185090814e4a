package im.kith.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

    @Test
    void spacesMessagesEvenlyFromTheStart() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 5_000);
        assertEquals(1_000, schedule.intendedNanos(0));
        assertEquals(201_000, schedule.intendedNanos(1));
        assertEquals(1_000_001_000, schedule.intendedNanos(5_000));
    }

    @Test
    void countsWhatIsDueAtAGivenInstant() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 5_000);
        assertEquals(0, schedule.dueBy(999));
        assertEquals(1, schedule.dueBy(1_000));
        assertEquals(1, schedule.dueBy(200_999));
        assertEquals(2, schedule.dueBy(201_000));
        assertEquals(5_000, schedule.countWithin(1_000_000_000));
    }

    @Test
    void dueByAgreesWithIntendedTimesForAwkwardRates() {
        long[] rates = {1, 3, 7, 999, 5_000, 999_983, 1_000_000};
        for (long rate : rates) {
            OpenLoopSchedule schedule = new OpenLoopSchedule(-123_456_789, rate);
            for (long i = 0; i < 20_000; i++) {
                long intended = schedule.intendedNanos(i);
                assertEquals(i + 1, schedule.dueBy(intended), "rate " + rate + " index " + i);
                if (i > 0 && intended > schedule.intendedNanos(i - 1)) {
                    assertEquals(i, schedule.dueBy(intended - 1), "rate " + rate + " index " + i);
                }
            }
        }
    }

    @Test
    void fractionalPeriodsDoNotDrift() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3);
        assertEquals(333_333_333, schedule.intendedNanos(1));
        assertEquals(666_666_666, schedule.intendedNanos(2));
        assertEquals(1_000_000_000, schedule.intendedNanos(3));
        assertEquals(3 * 3_600, schedule.countWithin(3_600_000_000_000L));
    }

    @Test
    void rejectsRatesItCannotSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 2_000_000_000));
    }
}
