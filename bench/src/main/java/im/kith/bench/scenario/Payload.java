package im.kith.bench.scenario;

/**
 * The body of a benchmark message: {@code kb1 RUN SENDER SEQ NANOS}. The run id tells this run's messages
 * from those of earlier runs (offline storage, late deliveries); NANOS is the send time, or for open loop the
 * intended send time, on this process's {@link System#nanoTime()} clock.
 */
record Payload(String runId, int sender, long seq, long nanos) {
    private static final String MAGIC = "kb1 ";

    String encode() {
        return MAGIC + runId + ' ' + sender + ' ' + seq + ' ' + nanos;
    }

    /** The payload in {@code body}, or {@code null} when the body is not a benchmark message at all. */
    static Payload parse(String body) {
        if (body == null || !body.startsWith(MAGIC)) {
            return null;
        }
        String[] fields = body.substring(MAGIC.length()).split(" ");
        if (fields.length != 4) {
            return null;
        }
        try {
            return new Payload(fields[0], Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
