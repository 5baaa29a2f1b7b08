package io.github.multiprocessing4j.manager;

import io.github.multiprocessing4j.exception.ProcessException;
import io.github.multiprocessing4j.internal.codec.ThrowableData;
import io.github.multiprocessing4j.internal.manager.Addresses;
import io.github.multiprocessing4j.internal.manager.Call;
import io.github.multiprocessing4j.internal.manager.Failed;
import io.github.multiprocessing4j.internal.manager.Ok;
import io.github.multiprocessing4j.internal.manager.Ref;
import io.github.multiprocessing4j.internal.runtime.JvmRuntime;
import io.github.multiprocessing4j.ipc.Client;
import io.github.multiprocessing4j.ipc.Connection;
import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a proxy does with each call (Python: {@code BaseProxy._callmethod}): sends it to the manager on this
 * thread's own authenticated connection and returns the reply. It crosses processes as the manager's address and
 * the object's id; there it connects with that process's authkey (inherited from the parent), as Python's proxies
 * do. Iterating a managed collection iterates a snapshot of it.
 */
final class ProxyHandler implements InvocationHandler, Serializable {
    private static final long serialVersionUID = 1L;

    private final String address;
    private final String typeid;
    private final long id;
    private transient byte[] authkey;
    private transient ThreadLocal<Connection> connections;
    private transient List<Connection> opened;

    ProxyHandler(String address, String typeid, long id, byte[] authkey) {
        this.address = address;
        this.typeid = typeid;
        this.id = id;
        this.authkey = authkey == null ? null : authkey.clone();
    }

    /** Makes the proxy of an object a manager named. */
    static Object proxy(Ref ref, String address, byte[] authkey) {
        Class<?> face;
        try {
            face = Class.forName(ref.face(), false, loader());
        } catch (ClassNotFoundException e) {
            throw new ProcessException("the interface of a managed type is missing in this process: interface="
                    + ref.face() + ", typeid=" + ref.typeid(), e);
        }
        if (!face.isInterface()) {
            throw new ProcessException("a managed type's proxy needs an interface: got=" + ref.face());
        }
        return Proxy.newProxyInstance(face.getClassLoader() == null ? loader() : face.getClassLoader(),
                new Class<?>[] {face}, new ProxyHandler(address, ref.typeid(), ref.id(), authkey));
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ProxyHandler.class.getClassLoader();
    }

    /** Sends a request on this thread's connection and returns the reply. */
    static Object request(Connection conn, Object request) throws InterruptedException {
        conn.send(request);
        return conn.recv();
    }

    private synchronized Connection connection() {
        if (connections == null) {
            connections = new ThreadLocal<>();
            opened = new ArrayList<>();
        }
        Connection conn = connections.get();
        if (conn == null || conn.isClosed()) {
            java.net.SocketAddress where = Addresses.parse(address);
            conn = authkey == null ? Client.connect(where) : Client.connect(where, authkey);
            connections.set(conn);
            opened.add(conn);
        }
        return conn;
    }

    /** Closes this proxy's connections (all threads'). */
    synchronized void close() {
        if (opened != null) {
            opened.forEach(Connection::close);
            opened.clear();
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] a = args == null ? new Object[0] : args;
        if (method.isDefault() && method.getDeclaringClass() == ManagedCondition.class) {
            return InvocationHandler.invokeDefault(proxy, method, a); // waitFor runs its predicate here
        }
        switch (method.getName()) {
            case "equals":
                if (a.length == 1 && method.getParameterTypes()[0] == Object.class) {
                    return a[0] != null && Proxy.isProxyClass(a[0].getClass())
                            && Proxy.getInvocationHandler(a[0]) instanceof ProxyHandler
                            && same((ProxyHandler) Proxy.getInvocationHandler(a[0]));
                }
                break;
            case "hashCode":
                if (a.length == 0) {
                    return Objects.hash(address, id);
                }
                break;
            case "iterator":
            case "listIterator":
            case "spliterator":
            case "stream":
            case "parallelStream":
                if (a.length == 0 && Collection.class.isAssignableFrom(method.getDeclaringClass())) {
                    return method.invoke(snapshot(), a);
                }
                break;
            case "forEach":
                if (proxy instanceof Map) {
                    return method.invoke(new java.util.LinkedHashMap<>(mapSnapshot()), a);
                }
                if (proxy instanceof Collection) {
                    return method.invoke(snapshot(), a);
                }
                break;
            default:
                break;
        }
        return remote(method.getDeclaringClass().getName(), method.getName(), method.getParameterTypes(), a);
    }

    private boolean same(ProxyHandler other) {
        return other.address.equals(address) && other.id == id;
    }

    private List<Object> snapshot() throws Throwable {
        return Arrays.asList((Object[]) remote("java.util.Collection", "toArray", new Class<?>[0], new Object[0]));
    }

    private Map<?, ?> mapSnapshot() throws Throwable {
        java.util.Map<Object, Object> copy = new java.util.LinkedHashMap<>();
        for (Object e : (Collection<?>) remote("java.util.Map", "entrySet", new Class<?>[0], new Object[0])) {
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
            copy.put(entry.getKey(), entry.getValue());
        }
        return copy;
    }

    private Object remote(String owner, String name, Class<?>[] types, Object[] args) throws Throwable {
        String[] parameters = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            parameters[i] = types[i].getName();
        }
        Object reply = request(connection(), new Call(id, owner, name, parameters, args));
        if (reply instanceof Ok) {
            return adopt(((Ok) reply).value(), 2);
        }
        if (reply instanceof Ref) {
            return proxy((Ref) reply, address, authkey);
        }
        if (reply instanceof Failed) {
            throw failure((Failed) reply, typeid + "." + name, address);
        }
        throw new IOException("the manager sent a reply that is not one: " + reply);
    }

    /**
     * Gives this proxy's authkey to the proxies of the same manager in a reply (a managed dict kept in a managed
     * list), a level or two deep: decoded, a proxy knows no key and would use this process's, which is not the
     * manager's when it was given one (Python passes proxies the key of the process that unpickles them too).
     */
    private Object adopt(Object value, int depth) {
        if (value == null || authkey == null || depth < 0) {
            return value;
        }
        if (Proxy.isProxyClass(value.getClass()) && Proxy.getInvocationHandler(value) instanceof ProxyHandler) {
            ProxyHandler nested = (ProxyHandler) Proxy.getInvocationHandler(value);
            synchronized (nested) {
                if (nested.authkey == null && nested.address.equals(address)) {
                    nested.authkey = authkey.clone();
                }
            }
        } else if (value instanceof Object[]) {
            for (Object o : (Object[]) value) {
                adopt(o, depth - 1);
            }
        } else if (value instanceof Collection) {
            ((Collection<?>) value).forEach(o -> adopt(o, depth - 1));
        } else if (value instanceof Map) {
            ((Map<?, ?>) value).forEach((k, v) -> {
                adopt(k, depth - 1);
                adopt(v, depth - 1);
            });
        } else if (value instanceof Map.Entry) {
            adopt(((Map.Entry<?, ?>) value).getValue(), depth - 1);
        }
        return value;
    }

    /** The exception a manager sent, with the caller's frames as a suppressed exception. */
    static RuntimeException failure(Failed failed, String call, String manager) {
        Throwable thrown;
        try {
            thrown = ThrowableData.decode(failed.error(), JvmRuntime.get().allowList());
        } catch (IOException e) {
            return new ProcessException("the manager's exception could not be read: call=" + call, e);
        }
        thrown.addSuppressed(new ProcessException("raised in the manager: call=" + call + ", manager=" + manager
                + " (this trace is the caller's)"));
        if (thrown instanceof RuntimeException) {
            return (RuntimeException) thrown;
        }
        return new ProcessException("the manager threw: call=" + call + ", error=" + thrown, thrown);
    }

    @Override
    public String toString() {
        return "Proxy[" + typeid + "#" + id + " at " + address + "]";
    }
}
