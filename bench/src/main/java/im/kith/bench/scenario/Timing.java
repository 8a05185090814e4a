package im.kith.bench.scenario;

import java.time.Duration;

/**
 * @param warmup traffic before measuring starts
 * @param measure the measured window
 * @param drain after sending stops, how long to wait for the next arrival before counting what is still
 *     missing as lost
 * @param settle pause before a memory reading, for the server to finish pending work
 * @param setup upper bound for logging in a batch of sessions
 */
public record Timing(Duration warmup, Duration measure, Duration drain, Duration settle, Duration setup) {}
