package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.CRC32;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large argument crosses to the child whole and costs the parent about one copy: the task is encoded once, in
 * parts, and written to the child's stdin without further copies, in the background. The allocation bound fails
 * if the growing buffers and framing copies come back (they cost three to five times the argument).
 */
@Timeout(300)
class LargeArgumentTest {
    private static final int SIZE = 64 << 20;
    private static final Duration WAIT = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    static void writeChecksum(byte[] data, String file) throws IOException {
        Files.writeString(Path.of(file), checksum(data) + " " + data.length, StandardCharsets.UTF_8);
    }

    static void writeBoxChecksum(Box box, String file) throws IOException {
        writeChecksum(box.data(), file);
    }

    /** Takes the java.io path: not a fast-path value. */
    record Box(byte[] data) implements Serializable {
    }

    private static long checksum(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static byte[] randomBytes() {
        byte[] data = new byte[SIZE];
        new Random(42).nextBytes(data);
        return data;
    }

    /** Bytes allocated by this thread while starting the process. */
    private static long allocatedByStart(Process p) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        p.start();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** Starts the process and checks that start() held about one copy and that the child got the bytes whole. */
    private static void assertOneCopyArrivesIntact(Process p, Path file, byte[] data) throws Exception {
        long allocated = allocatedByStart(p);
        assertThat(allocated).as("bytes allocated by start() for a %d-byte argument", SIZE).isLessThan(2L * SIZE);
        assertThat(p.join(WAIT)).as("the child ended").isTrue();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(Files.readString(file)).isEqualTo(checksum(data) + " " + data.length);
    }

    @Test
    void shouldDeliverALargeDirectArgumentIntactHoldingOneCopy() throws Exception {
        byte[] data = randomBytes();
        Path file = dir.resolve("direct");
        try (Process p = new Process(LargeArgumentTest::writeChecksum, data, file.toString())) {
            assertOneCopyArrivesIntact(p, file, data);
        }
    }

    @Test
    void shouldDeliverALargeSerializedArgumentIntactHoldingOneCopy() throws Exception {
        byte[] data = randomBytes();
        Path file = dir.resolve("boxed");
        try (Process p = new Process(LargeArgumentTest::writeBoxChecksum, new Box(data), file.toString())) {
            assertOneCopyArrivesIntact(p, file, data);
        }
    }

    @Test
    void shouldLeaveNothingBehindWhenTheChildIsKilledWhileReceiving() throws Exception {
        Path file = dir.resolve("killed");
        try (Process p = new Process(LargeArgumentTest::writeChecksum, randomBytes(), file.toString())) {
            p.start();
            p.kill();
            assertThat(p.join(WAIT)).isTrue();
            assertThat(p.exitCode()).hasValue(-9);
            String writer = "mp4j-stdin-" + p.getName();
            // the thread that wrote the argument ends with the child (no thread, JVM or file is left: LeakCheck)
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Thread.getAllStackTraces().keySet()
                    .stream().noneMatch(t -> t.getName().equals(writer)));
        }
        assertThat(file).doesNotExist();
    }
}
