package io.github.multiprocessing4j.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Shared memory is backed when it is created: a queue larger than the file system lets a process write fails in
 * its constructor, with a message naming the directory and the size, not later with a SIGBUS. The child runs
 * with a file-size limit ({@code ulimit -f}, so writes past it fail with EFBIG as a full tmpfs fails with
 * ENOSPC; HotSpot ignores SIGXFSZ) and with its shared memory in a private directory
 * ({@code -Dmultiprocessing4j.shmDir}), so the test needs no mount and cannot fill the machine's /dev/shm.
 */
class ShmBackingTest {
    private static final long LIMIT_KIB = 2048;

    private static String run(Path dir, int queueBytes) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -f " + LIMIT_KIB + " && exec \"$0\" \"$@\"";
        java.lang.Process child = new ProcessBuilder("bash", "-c", command, java, "-Xshare:off",
                "-D" + ShmFiles.DIR_PROPERTY + "=" + dir, "-cp", System.getProperty("java.class.path"),
                TooSmallShm.class.getName(), Integer.toString(queueBytes)).redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldFailTheConstructorNamingDirectoryAndSizeWhenTheMemoryCannotBeReserved() throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/bin/bash")));
        Path dir = Files.createTempDirectory("mp4j-shm-");
        try {
            String out = run(dir, 4 << 20);
            assertThat(out).doesNotContain("created").doesNotContain("InternalError")
                    .contains("java.io.UncheckedIOException: cannot reserve shared memory: dir=" + dir
                            + ", size=" + (4 * 1024 * 1024 + 2 * PeerTable.LENGTH + 64 + 384) + ", usable=")
                    .contains(", file=mp4j-").contains("-queue-").contains(", error=File too large");
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left).isEmpty(); // the half-written file is removed
            }

            assertThat(run(dir, 1 << 20)).contains("created").contains("put"); // what fits still works
        } finally {
            deleteAll(dir);
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
