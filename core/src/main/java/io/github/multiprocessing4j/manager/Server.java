package io.github.multiprocessing4j.manager;

import io.github.multiprocessing4j.exception.AuthenticationException;
import io.github.multiprocessing4j.exception.PeerGoneException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.internal.manager.Call;
import io.github.multiprocessing4j.internal.manager.Create;
import io.github.multiprocessing4j.internal.manager.Failed;
import io.github.multiprocessing4j.internal.manager.Ok;
import io.github.multiprocessing4j.internal.manager.Ref;
import io.github.multiprocessing4j.internal.manager.Registration;
import io.github.multiprocessing4j.internal.manager.Shutdown;
import io.github.multiprocessing4j.ipc.Connection;
import io.github.multiprocessing4j.ipc.Listener;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The manager's server (Python: {@code multiprocessing.managers.Server}): holds the managed objects and runs the
 * calls of their proxies. One thread accepts; each authenticated connection (one per thread of each proxy's
 * process) is served by a thread of its own, so that a call that blocks (a lock's {@code lock()}) blocks only its
 * caller. When a session ends (its process closed the connection or died), objects that hold something for its
 * thread ({@link SessionBound}: a condition's or an {@code RLock}'s lock) let go of it. Objects live until the
 * manager shuts down (no reference counting, unlike Python).
 */
final class Server {
    private static final System.Logger LOG = System.getLogger(Server.class.getName());
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
            "double", double.class, "float", float.class, "boolean", boolean.class, "byte", byte.class,
            "short", short.class, "char", char.class);

    private record Held(Object object, Registration type) {
    }

    private static final int ACCEPTORS = 4;

    private final Listener listener;
    private final Map<String, Registration> types = new LinkedHashMap<>();
    private final Map<Class<?>, Registration> byFace = new ConcurrentHashMap<>();
    private final Map<Long, Held> objects = new ConcurrentHashMap<>();
    private final Map<String, Method> methods = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);

    Server(Listener listener, List<Registration> registrations) {
        this.listener = listener;
        for (Registration r : registrations) {
            types.put(r.typeid(), r);
            byFace.putIfAbsent(r.face(), r);
        }
    }

    /** Accepts and serves until {@link Shutdown}. */
    void serveForever() throws InterruptedException {
        // a few acceptors, so that one slow or silent peer's handshake does not hold up the others
        for (int i = 0; i < ACCEPTORS; i++) {
            Thread acceptor = new Thread(this::acceptLoop, "mp4j-manager-accept-" + i);
            acceptor.setDaemon(true);
            acceptor.start();
        }
        stopped.await();
        listener.close();
    }

    void stop() {
        stopped.countDown();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Connection conn;
            try {
                conn = listener.accept();
            } catch (AuthenticationException e) {
                LOG.log(System.Logger.Level.DEBUG, "refused a connection to the manager: " + e.getMessage());
                continue;
            } catch (IllegalStateException e) {
                break; // closed
            } catch (RuntimeException e) {
                if (listener.isClosed()) {
                    break;
                }
                LOG.log(System.Logger.Level.DEBUG, "a connection to the manager failed before it was served", e);
                continue;
            }
            Thread session = new Thread(() -> serve(conn), "mp4j-manager-session");
            session.setDaemon(true);
            session.start();
        }
        stop();
    }

    private void serve(Connection conn) {
        try (conn) {
            while (true) {
                Object request = conn.recv();
                if (request instanceof Shutdown) {
                    conn.send(new Ok(null));
                    stop();
                    return;
                }
                Object reply = answer(request);
                try {
                    conn.send(reply);
                } catch (SerializationFailedException e) {
                    conn.send(new Failed(ThrowableData.encode(e)));
                }
            }
        } catch (PeerGoneException | IllegalStateException e) {
            // the proxy's process closed its connection or died
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "a manager session ended", e);
        } finally {
            sessionEnded();
        }
    }

    /** Lets go of what the ended session's thread held (a condition's lock), so that other callers go on. */
    private void sessionEnded() {
        for (Held held : objects.values()) {
            if (held.object() instanceof SessionBound) {
                try {
                    ((SessionBound) held.object()).sessionEnded();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "releasing a managed object after its session failed", e);
                }
            }
        }
    }

    private Object answer(Object request) {
        try {
            if (request instanceof Create) {
                Create create = (Create) request;
                Registration type = types.get(create.typeid());
                if (type == null) {
                    throw new IllegalArgumentException("no type registered with this manager: typeid="
                            + create.typeid() + ", registered=" + types.keySet());
                }
                return hold(type.factory().apply(create.args() == null ? new Object[0] : create.args()), type);
            }
            if (request instanceof Call) {
                return call((Call) request);
            }
            throw new IllegalArgumentException("not a manager request: " + request);
        } catch (InvocationTargetException e) {
            return new Failed(ThrowableData.encode(e.getCause()));
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            return new Failed(ThrowableData.encode(e));
        }
    }

    private Ref hold(Object object, Registration type) {
        if (!type.face().isInstance(object)) {
            throw new IllegalStateException("the factory of a managed type made an object that does not implement"
                    + " its interface: typeid=" + type.typeid() + ", interface=" + type.face().getName()
                    + ", made=" + (object == null ? "null" : object.getClass().getName()));
        }
        long id = ids.incrementAndGet();
        objects.put(id, new Held(object, type));
        return new Ref(type.typeid(), id, type.face().getName());
    }

    private Object call(Call call) throws Exception {
        Held held = objects.get(call.id());
        if (held == null) {
            throw new IllegalStateException("no such object in the manager: id=" + call.id()
                    + " (was the manager restarted?)");
        }
        Method method = method(held.type().face(), call);
        Object result = method.invoke(held.object(), call.args() == null ? new Object[0] : call.args());
        Registration returned = result == null || held.object() instanceof PlainResults ? null
                : byFace.get(method.getReturnType());
        if (returned != null && !java.lang.reflect.Proxy.isProxyClass(result.getClass())) {
            return hold(result, returned);
        }
        return new Ok(portable(result));
    }

    private Method method(Class<?> face, Call call) throws ReflectiveOperationException {
        String key = face.getName() + "/" + call.owner() + "." + call.method() + String.join(",", call.parameters());
        Method cached = methods.get(key);
        if (cached != null) {
            return cached;
        }
        Class<?> owner = call.owner().equals("java.lang.Object") ? Object.class
                : Class.forName(call.owner(), false, face.getClassLoader());
        if (!owner.isAssignableFrom(face)) {
            throw new IllegalArgumentException("a method not of the managed type's interface: interface="
                    + face.getName() + ", method=" + call.owner() + "." + call.method());
        }
        Class<?>[] parameters = new Class<?>[call.parameters().length];
        for (int i = 0; i < parameters.length; i++) {
            String name = call.parameters()[i];
            Class<?> primitive = PRIMITIVES.get(name);
            parameters[i] = primitive != null ? primitive : Class.forName(name, false, face.getClassLoader());
        }
        Method method = owner.getMethod(call.method(), parameters);
        methods.put(key, method);
        return method;
    }

    /** A view (a map's key set, a sublist) cannot cross; its contents can. */
    private static Object portable(Object value) {
        if (value == null || java.lang.reflect.Proxy.isProxyClass(value.getClass())) {
            return value;
        }
        boolean plain = value instanceof ArrayList || value instanceof java.util.HashSet
                || value instanceof java.util.HashMap || value instanceof java.util.TreeMap;
        if (plain || value instanceof Serializable && !(value instanceof Map.Entry)
                && !(value instanceof Collection) && !(value instanceof Map)) {
            return value;
        }
        if (value instanceof Map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> copy.put(portable(k), portable(v)));
            return copy;
        }
        if (value instanceof Map.Entry) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) value;
            return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue());
        }
        if (value instanceof Set) {
            Set<Object> copy = new LinkedHashSet<>();
            ((Set<?>) value).forEach(v -> copy.add(portable(v)));
            return copy;
        }
        if (value instanceof Collection) {
            List<Object> copy = new ArrayList<>();
            ((Collection<?>) value).forEach(v -> copy.add(portable(v)));
            return copy;
        }
        return value;
    }
}
