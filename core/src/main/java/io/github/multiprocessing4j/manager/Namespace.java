package io.github.multiprocessing4j.manager;

/**
 * A managed bag of named values (Python: {@code manager.Namespace()}, whose attributes become {@code get}/{@code set}
 * here). Its proxy is serializable; values must be. Each call is one round trip to the manager.
 */
public interface Namespace {
    /**
     * The value of a name.
     *
     * @param name the name
     * @return its value, or null when unset
     */
    Object get(String name);

    /**
     * Sets a name's value.
     *
     * @param name the name
     * @param value the value; serializable
     */
    void set(String name, Object value);
}
