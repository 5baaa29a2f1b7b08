package io.github.multiprocessing4j.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.Process;
import io.github.multiprocessing4j.ipc.Queue;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareableListTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] BYTES = {1, 2, 0, 0};

    private static List<Object> everyType() {
        return Arrays.asList(7, 8L, 2.5, true, "héllo", BYTES, null);
    }

    /** In a child: attaches by name, checks what the parent wrote, writes a value of every type back. */
    static void readAndWriteEveryType(String name) {
        try (ShareableList list = ShareableList.attach(name)) {
            check(list.size() == 7 && list.get(0).equals(7) && list.get(1).equals(8L) && list.get(2).equals(2.5)
                    && list.get(3).equals(true) && list.get(4).equals("héllo")
                    && Arrays.equals((byte[]) list.get(5), BYTES) && list.get(6) == null, list);
            list.set(0, Integer.MIN_VALUE);
            list.set(1, Long.MAX_VALUE);
            list.set(2, -0.25);
            list.set(3, false);
            list.set(4, "héllo!"); // 7 bytes of UTF-8 in a slot of 8
            list.set(5, new byte[] {9, 0, 0, 0, 0, 0, 0, 0});
            list.set(6, "null→x"); // a number-sized slot takes a string of up to 8 bytes
        }
    }

    private static void check(boolean ok, Object what) {
        if (!ok) {
            throw new AssertionError("unexpected: " + what);
        }
    }

    /** In a child: the list came as an argument, a second one through the queue. */
    static void writeThroughArgumentAndQueue(ShareableList viaArgument, Queue<ShareableList> queue)
            throws InterruptedException {
        viaArgument.set(0, "arg");
        ShareableList viaQueue = queue.get(Duration.ofSeconds(30));
        viaQueue.set(0, 123L);
        viaQueue.close();
        viaArgument.close();
    }

    @Test
    void shouldLetAChildAttachByNameAndReadAndWriteEveryType() throws Exception {
        try (ShareableList list = ShareableList.create(everyType())) {
            Process child = new Process(ShareableListTest::readAndWriteEveryType, list.name());
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThat(list.subList(0, 5)).containsExactly(Integer.MIN_VALUE, Long.MAX_VALUE, -0.25, false,
                    "héllo!");
            assertThat((byte[]) list.get(5)).containsExactly(9, 0, 0, 0, 0, 0, 0, 0);
            assertThat(list.get(6)).isEqualTo("null→x");
            assertThat(list.unlink()).isTrue();
        }
    }

    @Test
    void shouldCrossToAChildAsAnArgumentAndThroughAQueue() throws Exception {
        try (ShareableList first = ShareableList.create(List.of("----"));
                ShareableList second = ShareableList.create(List.of(0L));
                Queue<ShareableList> queue = new Queue<>()) {
            Process child = new Process(ShareableListTest::writeThroughArgumentAndQueue, first, queue);
            child.start();
            queue.put(second);
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);
            assertThat(first).containsExactly("arg");
            assertThat(second).containsExactly(123L);
            first.unlink();
            second.unlink();
        }
    }

    @Test
    void shouldRefuseALongerStringWithPythonsMessage() {
        try (ShareableList list = ShareableList.create(Arrays.asList("howdy", new byte[3], 1))) {
            list.set(0, "hi"); // shorter fits; the slot keeps its storage of 8
            list.set(0, "eight!!!"); // 8 bytes: fits; Python rounds 5 up to 8
            assertThatThrownBy(() -> list.set(0, "nine!!!!!")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bytes/str item exceeds available storage: index=0, length=9, capacity=8");
            assertThatThrownBy(() -> list.set(1, new byte[9])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bytes/str item exceeds available storage: index=1, length=9, capacity=8");
            assertThatThrownBy(() -> list.set(2, "a longer string")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bytes/str item exceeds available storage: index=2, length=15, capacity=8");
            assertThat(list.get(0)).isEqualTo("eight!!!");
            assertThat(list.get(2)).isEqualTo(1);
            list.unlink();
        }
    }

    @Test
    void shouldBehaveAsAFixedSizeList() {
        try (ShareableList list = ShareableList.create(Arrays.asList(1, "a", 1, new byte[] {5}, null))) {
            assertThat(list).hasSize(5);
            assertThat(list.count(1)).isEqualTo(2);
            assertThat(list.count(new byte[] {5})).isEqualTo(1);
            assertThat(list.index("a")).isEqualTo(1);
            assertThat(list.indexOf(new byte[] {5})).isEqualTo(3);
            assertThat(list.lastIndexOf(1)).isEqualTo(2);
            assertThat(list.contains(null)).isTrue();
            assertThat(list.set(0, 2L)).isEqualTo(1);
            assertThat(list.get(0)).isEqualTo(2L);
            assertThatThrownBy(() -> list.index("zz")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("value not in ShareableList: value=zz, name=" + list.name());
            assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> list.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> list.set(0, 1.5f)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a ShareableList holds Integer, Long, Double, Boolean, String, byte[] or null:"
                            + " index=0, type=java.lang.Float");
            assertThat(list.get(0)).isEqualTo(2L);
            list.unlink();
        }
        try (ShareableList empty = ShareableList.create(List.of())) {
            assertThat(empty).isEmpty();
            empty.unlink();
        }
    }

    @Test
    void shouldRefuseBadValuesMemoryThatHoldsNoListAndUseAfterClose() {
        assertThatThrownBy(() -> ShareableList.create(List.of(1, new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a ShareableList holds Integer, Long, Double, Boolean, String, byte[] or null:"
                        + " index=1, type=java.lang.Object");
        String name = "not-a-list-" + ProcessHandle.current().pid();
        try (SharedMemory shm = SharedMemory.create(name, 64)) {
            assertThatThrownBy(() -> ShareableList.attach(name)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("shared memory does not hold a ShareableList: name=" + name);
            shm.unlink();
        }
        ShareableList list = ShareableList.create(List.of(1));
        list.close();
        assertThatThrownBy(() -> list.get(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("shared memory is closed");
        assertThat(list.unlink()).isTrue();
    }
}
