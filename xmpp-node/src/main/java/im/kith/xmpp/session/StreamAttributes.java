package im.kith.xmpp.session;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

import im.kith.xmpp.feature.PreAuthStream;
import im.kith.xmpp.feature.StreamKey;

/** The per-stream state of pre-authentication handlers; values are checked against their key's type. */
final class StreamAttributes implements PreAuthStream {
    private final ConcurrentHashMap<StreamKey<?>, Object> values = new ConcurrentHashMap<>();
    private final InetAddress remoteAddress;

    StreamAttributes(InetAddress remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    @Override
    public InetAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public <T> T get(StreamKey<T> key) {
        return key.type().cast(values.get(key));
    }

    @Override
    public <T> void put(StreamKey<T> key, T value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, key.type().cast(value));
        }
    }
}
