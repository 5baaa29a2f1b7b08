/**
 * Shared memory (Python: {@code multiprocessing.shared_memory.SharedMemory}, {@code multiprocessing.Value} and
 * {@code multiprocessing.Array}): {@link io.github.multiprocessing4j.shm.SharedMemory}, a named block of bytes, and
 * typed values and arrays of primitives made by {@link io.github.multiprocessing4j.shm.Value} and
 * {@link io.github.multiprocessing4j.shm.Array}, each with its own cross-process lock and atomic updates;
 * {@link io.github.multiprocessing4j.shm.ShareableList}, a fixed-length list of numbers, strings and bytes in one
 * block (Python: {@code shared_memory.ShareableList}); and
 * {@link io.github.multiprocessing4j.shm.SharedMemoryManager}, which unlinks the blocks it made when it shuts down
 * or its owner dies (Python: {@code managers.SharedMemoryManager}).
 *
 * <p>What crosses the process boundary: only the name of the shared-memory file; a block, value or array handed
 * to a child attaches to the same memory there, so nothing is copied. The files live in {@code /dev/shm}; a
 * {@code SharedMemory} is removed by {@code unlink()}, a value or array when the last process holding it closes
 * it or exits, and either when the creating process exits (even one killed with SIGKILL: then by the next process
 * of this library that starts).
 */
package io.github.multiprocessing4j.shm;
