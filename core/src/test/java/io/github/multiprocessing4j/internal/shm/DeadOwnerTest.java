package io.github.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.multiprocessing4j.internal.watch.Liveness;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lock recovery, holder tables and the /dev/shm sweep judge a process by {@link Liveness}: a pid that now belongs
 * to a process that started at another time than the one recorded is dead. Linux only (/proc).
 */
class DeadOwnerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A holder table and a lock in one direct buffer, as in a queue's body. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(PeerTable.LENGTH + LockLayout.LENGTH)
            .order(ByteOrder.nativeOrder());
    private final PeerTable table = new PeerTable(buffer, 0, null);
    private final LockWord lock = new LockWord(buffer, PeerTable.LENGTH, table::isDead);

    private void list(long pid, long startTime) {
        Words.setLongVolatile(buffer, 0, pid);
        Words.setLongVolatile(buffer, 8, startTime);
    }

    private void ownLockAs(long pid) {
        Words.setLongVolatile(buffer, PeerTable.LENGTH + LockLayout.OWNER_OFFSET, (pid << 32) | 1);
    }

    @Test
    void shouldTakeOverALockWhoseOwnersPidWasReused() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")));
        java.lang.Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            long pid = sleeper.pid();
            long start = Liveness.startTime(pid);
            assertThat(start).isPositive();
            LockWord.init(buffer, PeerTable.LENGTH);
            ownLockAs(pid);

            list(pid, start); // the owner is the process that runs under the pid: no take-over
            assertThat(table.nobodyLeft()).isFalse();
            assertThat(lock.acquire(Waiter.upTo(Duration.ofMillis(50)), false)).isEqualTo(LockWord.Outcome.TIMED_OUT);

            list(pid, start + 1); // the owner had the pid before: it is dead, whatever runs under the pid now
            assertThat(table.nobodyLeft()).isTrue();
            assertThat(lock.acquire(Waiter.upTo(WAIT), false)).isEqualTo(LockWord.Outcome.RECOVERED);
            assertThat(lock.lastDeadOwner()).isEqualTo(pid);
            assertThat(lock.isHeldByCurrentThread()).isTrue();
        } finally {
            sleeper.destroy();
            assertThat(sleeper.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void shouldSweepOnlyTheFilesWhoseCreatorIsGone() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")) && Files.isDirectory(ShmFiles.DIR));
        java.lang.Process sleeper = new ProcessBuilder("sleep", "60").start();
        Path live = ShmFiles.DIR.resolve(ShmFiles.PREFIX + sleeper.pid() + "-test-live");
        Path reused = ShmFiles.DIR.resolve(ShmFiles.PREFIX + sleeper.pid() + "-test-reused");
        try {
            long start = Liveness.startTime(sleeper.pid());
            writeHeader(live, start);
            writeHeader(reused, start + 1);
            ShmRegistry.sweepStale();
            assertThat(live).exists();
            assertThat(reused).doesNotExist();
        } finally {
            Files.deleteIfExists(live);
            Files.deleteIfExists(reused);
            sleeper.destroy();
            assertThat(sleeper.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void writeHeader(Path file, long creatorStart) throws Exception {
        ByteBuffer header = ByteBuffer.allocate(HeaderLayout.LENGTH).order(ByteOrder.nativeOrder());
        header.putInt(HeaderLayout.MAGIC_OFFSET, HeaderLayout.MAGIC);
        header.putInt(HeaderLayout.VERSION_OFFSET, HeaderLayout.VERSION);
        header.putLong(HeaderLayout.CREATOR_START_OFFSET, creatorStart);
        Files.write(file, header.array());
    }
}
