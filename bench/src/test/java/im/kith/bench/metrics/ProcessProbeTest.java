package im.kith.bench.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void readsUtimePlusStimeEvenWithSpacesAndParenthesesInTheName() {
        String stat = "4242 (my (odd) server) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 9 0 100 "
                + "123456789 2500 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 0 0 0 0 0 0";
        assertEquals(1234 + 567, ProcessProbe.parseCpuTicks(stat));
    }

    @Test
    void readsVmRss() {
        String status = "Name:\tprosody\nVmPeak:\t  62180 kB\nVmRSS:\t   24956 kB\nRssAnon:\t 12000 kB\n";
        assertEquals(24956, ProcessProbe.parseRssKiB(status));
    }

    @Test
    void samplesThisProcess() {
        ProcessProbe self = new ProcessProbe(ProcessHandle.current().pid(), 100);
        ProcessSample sample = self.sample();
        assertTrue(self.alive());
        assertTrue(sample.rssKiB() > 0);
        assertTrue(sample.cpuNanos() >= 0);
    }
}
