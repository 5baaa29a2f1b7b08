package io.github.multiprocessing4j.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.exception.DecodeLimitException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class DecodeLimitsTest {
    private static final AllowList ALLOW = new AllowList();

    /** A user's own linked structure: every node one level deeper in the java.io graph. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;
        final Node next;

        Node(int value, Node next) {
            this.value = value;
            this.next = next;
        }
    }

    private static Object decode(byte[] bytes) throws Exception {
        return Codec.decode(bytes, ALLOW, DecodeLimits.defaults());
    }

    private static Object roundTrip(Object value, DecodeLimits limits) throws Exception {
        return Codec.decode(Codec.encode(value, "a test value").bytes(), ALLOW, limits);
    }

    @Test
    @Timeout(30)
    void shouldRejectAJavaStreamClaimingAnEightGibIntArrayBeforeAllocating() {
        assertThatThrownBy(() -> decode(HostilePayloads.javaArrayClaiming(new int[0], Integer.MAX_VALUE)))
                .isInstanceOf(DecodeLimitException.class)
                .hasMessageStartingWith("message claims more than it holds: int[] length=2147483647, bytesLeft=");
        assertThatThrownBy(() -> decode(HostilePayloads.javaArrayClaiming(new Object[0], Integer.MAX_VALUE)))
                .isInstanceOf(DecodeLimitException.class).hasMessageContaining("Object[] length=2147483647");
    }

    @Test
    void shouldRejectAFastPathLengthLargerThanTheMessage() {
        assertThatThrownBy(() -> decode(HostilePayloads.fastClaiming(new int[0], Integer.MAX_VALUE)))
                .isInstanceOf(DecodeLimitException.class)
                .hasMessage("message claims more than it holds: length=8589934588, bytesLeft=0");
        assertThatThrownBy(() -> decode(HostilePayloads.fastClaiming("", Integer.MAX_VALUE - 8)))
                .isInstanceOf(DecodeLimitException.class);
        assertThatThrownBy(() -> decode(HostilePayloads.fastClaiming(new byte[0], 1 << 30)))
                .isInstanceOf(DecodeLimitException.class);
        assertThatThrownBy(() -> decode(HostilePayloads.fastClaiming(new double[0], 1 << 29)))
                .isInstanceOf(DecodeLimitException.class);
    }

    @Test
    @Timeout(60)
    void shouldStopTheHashSetBombWithinTwoSeconds() {
        byte[] bomb = Codec.encode(HostilePayloads.hashSetBomb(60), "the bomb").bytes();
        long start = System.nanoTime();
        assertThatThrownBy(() -> decode(bomb)).isInstanceOf(DecodeLimitException.class)
                .hasMessageContaining("limit=maxReferences")
                .hasMessageContaining("property=multiprocessing4j.decode.maxReferences");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldDecodeRealisticBigData() throws Exception {
        byte[] big = new byte[50 << 20];
        big[big.length - 1] = 7;
        assertThat((byte[]) roundTrip(big, DecodeLimits.defaults())).hasSize(big.length).endsWith(7);
        @SuppressWarnings("unchecked")
        List<byte[]> wrapped = (List<byte[]>) roundTrip(List.of(big), DecodeLimits.defaults());
        assertThat(wrapped.get(0)).hasSize(big.length);
        List<Integer> million = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            million.add(i);
        }
        assertThat(roundTrip(million, DecodeLimits.defaults())).isEqualTo(million);
        Map<String, List<Integer>> nested = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            nested.put("k" + i, new ArrayList<>(million.subList(i, i + 100)));
        }
        assertThat(roundTrip(new HashMap<>(nested), DecodeLimits.defaults())).isEqualTo(nested);
    }

    @Test
    void shouldDecodeADeepButLegitimateGraph() throws Exception {
        Node chain = null;
        for (int i = 0; i < 400; i++) {
            chain = new Node(i, chain);
        }
        Node back = (Node) roundTrip(chain, DecodeLimits.defaults());
        int length = 0;
        for (Node n = back; n != null; n = n.next) {
            length++;
        }
        assertThat(length).isEqualTo(400);
        // the bomb's shape, shallow enough to be harmless (2^12 sets to hash), is data like any other
        assertThat(roundTrip(HostilePayloads.hashSetBomb(12), DecodeLimits.defaults())).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.collection(Object.class)).hasSize(2);
    }

    @Test
    void shouldApplyConfiguredLimitsAndNameTheProperty() {
        DecodeLimits tight = new DecodeLimits(20, 100, 1000, 4096);
        Node chain = null;
        for (int i = 0; i < 30; i++) {
            chain = new Node(i, chain);
        }
        Node deep = chain;
        assertThatThrownBy(() -> roundTrip(deep, tight)).isInstanceOf(DecodeLimitException.class)
                .hasMessageStartingWith("message exceeds a decoding limit: limit=maxDepth, value=21, max=20, "
                        + "property=multiprocessing4j.decode.maxDepth");
        assertThatThrownBy(() -> roundTrip(new int[101], tight)).isInstanceOf(DecodeLimitException.class)
                .hasMessageContaining("limit=maxArrayLength, value=101, max=100");
        assertThatThrownBy(() -> roundTrip(List.of(new long[101]), tight)).isInstanceOf(DecodeLimitException.class)
                .hasMessageContaining("limit=maxArrayLength, value=101, max=100");
        DecodeLimits fewReferences = new DecodeLimits(20, 1 << 20, 1000, 1 << 20);
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(i);
        }
        assertThatThrownBy(() -> roundTrip(many, fewReferences)).isInstanceOf(DecodeLimitException.class)
                .hasMessageContaining("limit=maxReferences, value=1001, max=1000");
        assertThatThrownBy(() -> roundTrip("x".repeat(5000), tight)).isInstanceOf(DecodeLimitException.class)
                .hasMessageContaining("limit=maxBytes, value=5005, max=4096");
    }

    @Test
    void shouldReadLimitsFromSystemPropertiesAndRejectBadValues() {
        assertThat(DecodeLimits.current()).isEqualTo(DecodeLimits.defaults());
        assertThatThrownBy(() -> new DecodeLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("decode limits must be positive: maxDepth=0");
    }

    @Test
    void shouldRejectAThrowableWhoseCountsClaimMoreThanItHolds() {
        byte[] bytes = ThrowableData.encode(new IllegalStateException("boom"));
        // the portable form: present, class name, message, then the frame count
        int at = 1 + 4 + IllegalStateException.class.getName().length() + 1 + 4 + "boom".length();
        bytes[at] = 0x7F;
        assertThatThrownBy(() -> ThrowableData.decode(bytes, ALLOW)).isInstanceOf(DecodeLimitException.class)
                .hasMessageStartingWith("message claims more than it holds: length=");
    }

    @Test
    @Timeout(120)
    void shouldFailEveryHostilePayloadWithoutRunningOutOfA64MegabyteHeap() throws Exception {
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), DecodeUnderSmallHeap.class.getName())
                .redirectErrorStream(true).start();
        Map<String, String[]> lines = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] parts = line.split(" ");
                lines.put(parts[0], parts);
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(lines).containsOnlyKeys(HostilePayloads.all().keySet());
        lines.forEach((name, parts) -> {
            assertThat(parts[1]).as(name).isNotEqualTo(OutOfMemoryError.class.getName());
            if (!name.equals("javaLongStringHuge")) {
                assertThat(parts[1]).as(name).isEqualTo(DecodeLimitException.class.getName());
            }
            assertThat(Long.parseLong(parts[2])).as(name + " millis").isLessThan(5_000);
        });
    }
}
