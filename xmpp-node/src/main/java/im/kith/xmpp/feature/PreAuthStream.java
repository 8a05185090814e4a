package im.kith.xmpp.feature;

/**
 * The not yet authenticated client stream an {@link IqRequest} arrived on, for handlers registered with
 * {@link FeatureContext#unauthenticatedIq}. Its state lives as long as the stream, and the stream handles
 * nothing else while a handler's stage is pending, so handlers may use it from any thread.
 */
public interface PreAuthStream {

    /** The client's address (for limits per client), or null when the transport does not know it. */
    java.net.InetAddress remoteAddress();

    /** The value of a key on this stream, or null. */
    <T> T get(StreamKey<T> key);

    /** Sets the value of a key on this stream; null removes it. */
    <T> void put(StreamKey<T> key, T value);
}
