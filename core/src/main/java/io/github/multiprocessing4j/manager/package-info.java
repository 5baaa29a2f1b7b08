/**
 * Managers (Python: {@code multiprocessing.managers}): a server process holding objects that other processes use
 * through proxies over authenticated connections. {@link io.github.multiprocessing4j.manager.SyncManager} holds
 * Python's shared types; {@link io.github.multiprocessing4j.manager.BaseManager#register} adds types of your own.
 */
package io.github.multiprocessing4j.manager;
