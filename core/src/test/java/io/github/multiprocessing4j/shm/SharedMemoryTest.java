package io.github.multiprocessing4j.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.sync.Event;
import io.github.multiprocessing4j.sync.Lock;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SharedMemoryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static void writeHello(SharedMemory shm) {
        ByteBuffer buf = shm.buf();
        buf.put("hello from the child".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        shm.close();
    }

    static void attachByNameAndExit(String name) {
        SharedMemory shm = SharedMemory.attach(name);
        shm.buf().put(0, (byte) 7);
        shm.close();
    }

    static void createAndDie(String name, Event created) throws InterruptedException {
        SharedMemory.create(name, 4096);
        created.set();
        Thread.sleep(120_000);
    }

    static void touchSharedMemory() {
        new Lock().close();
    }

    @Test
    void shouldShareBytesWithAChildThatGetsTheObject() throws Exception {
        try (SharedMemory shm = SharedMemory.create(64)) {
            Process child = new Process(SharedMemoryTest::writeHello, shm);
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            byte[] text = new byte[20];
            shm.buf().get(text);
            assertThat(new String(text, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("hello from the child");
            assertThat(shm.size()).isEqualTo(64);
            assertThat(shm.unlink()).isTrue();
        }
    }

    @Test
    void shouldNotUnlinkWhenAnAttachedProcessExits() throws Exception {
        String name = "attach-test-" + ProcessHandle.current().pid();
        try (SharedMemory shm = SharedMemory.create(name, 16)) {
            Process child = new Process(SharedMemoryTest::attachByNameAndExit, name);
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThat(shm.buf().get(0)).isEqualTo((byte) 7);
            try (SharedMemory again = SharedMemory.attach(name, 16)) {
                assertThat(again.buf().get(0)).isEqualTo((byte) 7);
            }
            shm.unlink();
            assertThat(shm.unlink()).isFalse();
        }
        assertThatThrownBy(() -> SharedMemory.attach(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no shared memory of this name: name=" + name + ", dir=/dev/shm");
    }

    @Test
    void shouldSweepTheMemoryOfACreatorKilledWithSigkill() throws Exception {
        String name = "sweep-test-" + ProcessHandle.current().pid();
        try (Event created = new Event()) {
            Process creator = new Process(SharedMemoryTest::createAndDie, name, created);
            creator.start();
            assertThat(created.await(WAIT)).isTrue();
            Path file = Path.of("/dev/shm/mp4j-" + creator.pid() + "-n-" + name);
            assertThat(file).exists();
            creator.kill();
            assertThat(creator.join(WAIT)).isTrue();
            assertThat(file).exists(); // no shutdown hook ran
            Process next = new Process(SharedMemoryTest::touchSharedMemory);
            next.start();
            assertThat(next.join(WAIT)).isTrue();
            assertThat(Files.exists(file)).isFalse();
        }
    }

    @Test
    void shouldRejectMissingNamesWrongSizesAndBadNames() {
        assertThatThrownBy(() -> SharedMemory.attach("no-such-memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no shared memory of this name: name=no-such-memory, dir=/dev/shm");
        assertThatThrownBy(() -> SharedMemory.create("bad/name", 8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad shared memory name");
        assertThatThrownBy(() -> SharedMemory.create(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shared memory size must be positive");
        String name = "size-test-" + ProcessHandle.current().pid();
        try (SharedMemory shm = SharedMemory.create("/" + name, 100)) {
            assertThat(shm.name()).isEqualTo(name);
            assertThatThrownBy(() -> SharedMemory.attach(name, 200)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shared memory has another size: name=" + name + ", size=100, expected=200");
            assertThatThrownBy(() -> SharedMemory.create(name, 100)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("shared memory exists already: name=" + name);
            shm.unlink();
        }
    }

    @Test
    void shouldRefuseUseAfterClose() {
        SharedMemory shm = SharedMemory.create(8);
        shm.close();
        assertThatThrownBy(shm::buf).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("shared memory is closed");
        shm.unlink();
    }
}
