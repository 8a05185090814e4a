package im.kith.xmpp.xml;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The attributes of an {@link Element}: an immutable, insertion-ordered map held as two parallel arrays.
 *
 * <p>Elements have few attributes (a stanza rarely more than five), so a linear scan is faster than
 * hashing and the arrays take a fraction of a {@code LinkedHashMap}'s memory. Copying an element with one
 * attribute changed copies the arrays once; an {@code Attributes} passed to a new element is shared, not
 * copied, which is safe because it cannot change.
 */
final class Attributes extends AbstractMap<String, String> {
    static final Attributes EMPTY = new Attributes(new String[0], new String[0]);

    private final String[] keys;
    private final String[] values;

    private Attributes(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** An immutable copy of {@code source} (the same instance if it already is one). */
    static Attributes copyOf(Map<String, String> source) {
        if (source instanceof Attributes a) {
            return a;
        }
        if (source.isEmpty()) {
            return EMPTY;
        }
        String[] k = new String[source.size()];
        String[] v = new String[k.length];
        int i = 0;
        for (Map.Entry<String, String> e : source.entrySet()) {
            k[i] = Objects.requireNonNull(e.getKey(), "attribute name");
            v[i] = Objects.requireNonNull(e.getValue(), "attribute value");
            i++;
        }
        return new Attributes(k, v);
    }

    /** This map with {@code key} set to {@code value}, or removed when {@code value} is null. */
    Attributes with(String key, String value) {
        int at = indexOf(key);
        if (value == null) {
            if (at < 0) {
                return this;
            }
            String[] k = new String[keys.length - 1];
            String[] v = new String[k.length];
            System.arraycopy(keys, 0, k, 0, at);
            System.arraycopy(values, 0, v, 0, at);
            System.arraycopy(keys, at + 1, k, at, k.length - at);
            System.arraycopy(values, at + 1, v, at, v.length - at);
            return k.length == 0 ? EMPTY : new Attributes(k, v);
        }
        if (at >= 0) {
            if (values[at].equals(value)) {
                return this;
            }
            String[] v = values.clone();
            v[at] = value;
            return new Attributes(keys, v);
        }
        String[] k = Arrays.copyOf(keys, keys.length + 1);
        String[] v = Arrays.copyOf(values, values.length + 1);
        k[keys.length] = key;
        v[values.length] = value;
        return new Attributes(k, v);
    }

    /** The name of the attribute at {@code index}, in document order. */
    String key(int index) {
        return keys[index];
    }

    String value(int index) {
        return values[index];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, String> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, String> e = new SimpleImmutableEntry<>(keys[next], values[next]);
                        next++;
                        return e;
                    }
                };
            }
        };
    }
}
