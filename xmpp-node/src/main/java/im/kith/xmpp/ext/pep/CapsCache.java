package im.kith.xmpp.ext.pep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * XEP-0115 capabilities learnt so far: the verification string (with its hash) mapped to the nodes
 * its features ask notifications for ({@code NODE+notify}, XEP-0163 §4.2). Least recently used entries
 * go first once {@code kith.pep.caps-cache-size} is reached. Thread-safe.
 */
@ApplicationScoped
public class CapsCache {
    private final Map<String, Set<String>> byVer;

    public CapsCache(PepConfig config) {
        int size = config.capsCacheSize();
        this.byVer = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                return size() > size;
            }
        };
    }

    /** The +notify nodes of a capabilities key, or null when unknown. */
    public synchronized Set<String> notifyNodes(String capsKey) {
        return byVer.get(capsKey);
    }

    public synchronized void put(String capsKey, Set<String> nodes) {
        byVer.put(capsKey, Set.copyOf(nodes));
    }
}
