package io.github.multiprocessing4j.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.internal.shm.ShmFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedMemoryManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Path fileOf(long creatorPid, String name) {
        return ShmFiles.DIR.resolve("mp4j-" + creatorPid + "-n-" + name);
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** In a child: writes through a list and memory it attached by name. */
    static void writeByName(String listName, String memoryName) {
        try (ShareableList list = ShareableList.attach(listName); SharedMemory shm = SharedMemory.attach(memoryName)) {
            list.set(1, "from child");
            shm.buf().putInt(0, 4242);
        }
    }

    /** In an owner child: makes a manager and two blocks, writes their names to a file, and waits to be killed. */
    static void ownAndWait(String report) throws Exception {
        own(report);
        Thread.sleep(120_000);
    }

    /** In an owner child: as {@link #own}, then returns (without shutdown) once the test creates a go file. */
    static void ownAndReturnWhenTold(String report) throws Exception {
        own(report);
        Path go = Path.of(report + ".go");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(go) && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
    }

    /** In an owner child: makes a manager and two blocks, and writes their names to a file. */
    static void own(String report) throws Exception {
        SharedMemoryManager smm = new SharedMemoryManager().start();
        SharedMemory shm = smm.sharedMemory(4096);
        ShareableList list = smm.shareableList(List.of("x", 1));
        Path partial = Path.of(report + ".partial");
        Files.write(partial, List.of(shm.name(), list.name(), Long.toString(smm.trackerPid())));
        Files.move(partial, Path.of(report));
    }

    @Test
    void shouldUnlinkEveryBlockAtShutdown() throws Exception {
        long self = ProcessHandle.current().pid();
        Path memoryFile;
        Path listFile;
        long tracker;
        try (SharedMemoryManager smm = new SharedMemoryManager().start()) {
            tracker = smm.trackerPid();
            assertThat(isRunning(tracker)).isTrue();
            SharedMemory shm = smm.sharedMemory(64);
            ShareableList list = smm.shareableList(List.of(1, "0123456789"));
            memoryFile = fileOf(self, shm.name());
            listFile = fileOf(self, list.name());
            assertThat(memoryFile).exists();
            assertThat(listFile).exists();
            Process child = new Process(SharedMemoryManagerTest::writeByName, list.name(), shm.name());
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThat(list.get(1)).isEqualTo("from child");
            assertThat(shm.buf().getInt(0)).isEqualTo(4242);
            smm.shutdown();
            assertThat(memoryFile).doesNotExist();
            assertThat(listFile).doesNotExist();
            assertThat(list.get(1)).isEqualTo("from child"); // handles stay usable until closed, as in Python
            assertThatThrownBy(() -> ShareableList.attach(list.name())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no shared memory of this name: name=" + list.name());
            list.close();
            shm.close();
        }
        assertThat(isRunning(tracker)).isFalse();
    }

    @Test
    void shouldUnlinkAtTheEndOfTryWithResources() throws Exception {
        Path file;
        try (SharedMemoryManager smm = new SharedMemoryManager().start()) {
            file = fileOf(ProcessHandle.current().pid(), smm.shareableList(List.of(true)).name());
            assertThat(file).exists();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldRefuseBlocksBeforeStartAndAfterShutdown() throws Exception {
        SharedMemoryManager smm = new SharedMemoryManager();
        assertThatThrownBy(() -> smm.sharedMemory(8)).isInstanceOf(IllegalStateException.class)
                .hasMessage("SharedMemoryManager is not started: state=NEW (call start() first)");
        smm.start();
        assertThatThrownBy(smm::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("SharedMemoryManager cannot start: state=STARTED");
        assertThatThrownBy(() -> smm.shareableList(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class);
        smm.shutdown();
        smm.shutdown(); // again: nothing
        assertThatThrownBy(() -> smm.shareableList(List.of(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("SharedMemoryManager is not started: state=SHUT_DOWN");
    }

    /**
     * The owner and its tracker use a shared-memory directory of their own: a startup sweep by any other JVM on the
     * machine (which removes files of dead creators from /dev/shm) cannot do the tracker's work for it here.
     */
    @Test
    void shouldUnlinkTheBlocksWithinSecondsWhenTheOwnerIsKilled() throws Exception {
        withOwner(SharedMemoryManagerTest::ownAndWait, (owner, blocks) -> {
            owner.kill();
            assertThat(owner.join(WAIT)).isTrue();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> blocks.stream().noneMatch(Files::exists));
        });
    }

    @Test
    void shouldShutDownWhenTheOwnerExitsWithoutShutdown() throws Exception {
        withOwner(SharedMemoryManagerTest::ownAndReturnWhenTold, (owner, blocks) -> {
            Files.createFile(blocks.get(0).resolveSibling("names.txt.go")); // the owner returns now
            assertThat(owner.join(WAIT)).isTrue(); // not held up by its non-daemon tracker
            assertThat(owner.exitCode()).hasValue(0);
            assertThat(blocks).allMatch(f -> !Files.exists(f));
        });
    }

    /** What a test does with an owner child that reported its blocks' files. */
    interface OwnerCheck {
        void check(Process owner, List<Path> blocks) throws Exception;
    }

    /** Starts an owner child in a shared-memory directory of its own, runs the check, and waits for the tracker. */
    private static void withOwner(io.github.multiprocessing4j.function.Target1<String> target, OwnerCheck check)
            throws Exception {
        Path dir = Files.createTempDirectory("smm-owner-test");
        Path report = dir.resolve("names.txt");
        try {
            Process owner = new Process(target, report.toString())
                    .jvmOptions("-D" + ShmFiles.DIR_PROPERTY + "=" + dir);
            owner.start();
            await().atMost(WAIT).until(() -> Files.exists(report));
            List<String> names = Files.readAllLines(report);
            List<Path> blocks = List.of(dir.resolve("mp4j-" + owner.pid() + "-n-" + names.get(0)),
                    dir.resolve("mp4j-" + owner.pid() + "-n-" + names.get(1)));
            long tracker = Long.parseLong(names.get(2));
            assertThat(blocks).allMatch(Files::exists);
            assertThat(isRunning(tracker)).isTrue();
            check.check(owner, blocks);
            await().atMost(Duration.ofSeconds(30)).until(() -> !isRunning(tracker));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }
}
