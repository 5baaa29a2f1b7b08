package io.github.multiprocessing4j.internal.codec;

import io.github.multiprocessing4j.exception.DecodeLimitException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Reads one java.io message behind the {@link AllowList} and the {@link DecodeLimits}; falls back to the context
 * class loader for classes the default cannot see.
 *
 * <p>Two limits need more than {@link ObjectInputFilter.FilterInfo}'s numbers. An array, or the table of a
 * collection ({@code ArrayList}, {@code HashMap}... ask through the same filter before allocating), may not claim
 * more than the bytes left in the message could fill. And a collection may not be costlier to hash than
 * {@code maxReferences} elements, counting an element as often as it is reached, nor cost more than a tenth of
 * that beyond the objects read so far (a collection that shares nothing costs at most what it holds): the
 * "SerialDOS" bomb, nested {@code HashSet}s that share their elements, is a few hundred objects whose hashing
 * doubles at every level. Each collection's cost is summed from its elements' once it is read, before its parent
 * hashes it, so the bomb stops after a few times a tenth of {@code maxReferences} steps.
 */
final class BoundedInput extends ObjectInputStream {
    /** What the stream may have read ahead of the position a length was read at (one block of data). */
    private static final long READ_AHEAD = 2048;

    private final AllowList allowList;
    private final DecodeLimits limits;
    private final long size;
    private final Map<Object, Long> costs = new IdentityHashMap<>();
    private DecodeLimitException exceeded;
    /** Objects and back-references read so far, as the filter last saw them. */
    private long references;

    BoundedInput(byte[] bytes, int offset, int length, AllowList allowList, DecodeLimits limits)
            throws IOException {
        super(new ByteArrayInputStream(bytes, offset, length));
        this.allowList = allowList;
        this.limits = limits;
        this.size = length;
        setObjectInputFilter(this::check);
        enableResolveObject(true);
    }

    /** Reads the message's object; a limit it exceeds is thrown as such, not as the JDK's wrapping of it. */
    Object readBounded() throws IOException, ClassNotFoundException {
        try {
            return readObject();
        } catch (IOException | RuntimeException e) {
            if (exceeded != null) {
                throw exceeded;
            }
            throw e;
        } catch (StackOverflowError e) {
            throw new DecodeLimitException("message exceeds a decoding limit: limit=maxDepth, value=(deeper than "
                    + "this thread's stack), max=" + limits.maxDepth() + ", property=" + DecodeLimits.PREFIX
                    + "maxDepth");
        }
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > limits.maxDepth()) {
            throw fail(limits.exceeded("maxDepth", info.depth(), limits.maxDepth()));
        }
        references = info.references();
        if (references > limits.maxReferences()) {
            throw fail(limits.exceeded("maxReferences", info.references(), limits.maxReferences()));
        }
        long length = info.arrayLength();
        if (length >= 0) {
            if (length > limits.maxArrayLength()) {
                throw fail(limits.exceeded("maxArrayLength", length, limits.maxArrayLength()));
            }
            long left = Math.max(0, size - info.streamBytes()) + READ_AHEAD;
            Class<?> component = info.serialClass() == null ? null : info.serialClass().getComponentType();
            // an element of an object array takes a byte at least; a hash table may be 8 times its elements
            long fills = component != null && component.isPrimitive() ? left / width(component) : 8 * left;
            if (length > fills) {
                throw fail(DecodeLimits.claimsMore(info.serialClass().getSimpleName() + " length", length,
                        size - info.streamBytes()));
            }
        }
        return allowList.checkInput(info);
    }

    private static int width(Class<?> primitive) {
        if (primitive == long.class || primitive == double.class) {
            return 8;
        } else if (primitive == int.class || primitive == float.class) {
            return 4;
        } else if (primitive == short.class || primitive == char.class) {
            return 2;
        }
        return 1;
    }

    private DecodeLimitException fail(DecodeLimitException e) {
        exceeded = e;
        return e;
    }

    @Override
    protected Object resolveObject(Object obj) {
        long cost = 1;
        if (obj != null && java.lang.reflect.Proxy.isProxyClass(obj.getClass())) {
            return obj; // a manager's proxy: its contents are in the manager, and asking would call it
        }
        if (obj instanceof Collection) {
            for (Object e : (Collection<?>) obj) {
                cost = add(cost, costOf(e));
            }
        } else if (obj instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) obj).entrySet()) {
                cost = add(cost, add(costOf(e.getKey()), costOf(e.getValue())));
            }
        } else if (obj instanceof Map.Entry) {
            cost = add(1, add(costOf(((Map.Entry<?, ?>) obj).getKey()), costOf(((Map.Entry<?, ?>) obj).getValue())));
        } else {
            return obj;
        }
        // a tree of collections costs no more than its objects, all read by now; sharing may add a tenth of the limit
        long max = Math.min(limits.maxReferences(), references + limits.maxReferences() / 10);
        if (cost > max) {
            throw fail(limits.exceeded("maxReferences", cost, max));
        }
        costs.put(obj, cost);
        return obj;
    }

    /** An element's cost: a collection's as computed when it was read (1 while it is still being read). */
    private long costOf(Object element) {
        Long cost = element == null ? null : costs.get(element);
        return cost == null ? 1 : cost;
    }

    private static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        Class<?> resolved;
        try {
            resolved = super.resolveClass(desc);
        } catch (ClassNotFoundException e) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context == null) {
                throw e;
            }
            resolved = Class.forName(desc.getName(), false, context);
        }
        if (!allowList.allows(resolved)) {
            throw new InvalidClassException(desc.getName(),
                    "rejected by the deserialization allow-list; allow it with -D" + AllowList.PROPERTY
                            + "=" + (resolved.getPackageName().isEmpty() ? desc.getName()
                                    : resolved.getPackageName() + ".*"));
        }
        return resolved;
    }
}
