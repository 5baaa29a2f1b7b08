/**
 * The messages between a manager's proxies and its server ({@link Call}, {@link Create}, {@link Shutdown} one
 * way; {@link Ok}, {@link Ref}, {@link Failed} back), sent with the codec over authenticated connections, and
 * what a manager is told to hold ({@link Registration}).
 */
package io.github.multiprocessing4j.internal.manager;
