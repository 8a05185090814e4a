package im.kith.xmpp.support;

/**
 * Storage that has fallen behind asks the transports to read more slowly. Connections then pause
 * reading, so senders are slowed down by TCP back-pressure (RFC 6120 §13.12) instead of the node
 * queueing without bound or giving up on storing what they send. Implemented by CDI beans; the
 * transports ask {@link IntakeGate}, which consults all of them.
 */
public interface IntakePressure {

    /**
     * How long a connection should stop reading before its next read, in milliseconds; 0 while storage
     * keeps up. Called on event loops for every read: must be cheap and must not block.
     */
    long pauseMillis();
}
