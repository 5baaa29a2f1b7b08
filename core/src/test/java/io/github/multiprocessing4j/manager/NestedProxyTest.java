package io.github.multiprocessing4j.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.Process;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Python: {@code l = m.list(); l.append(m.dict())}: a proxy kept in a managed collection comes back working. */
@Timeout(180)
class NestedProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The child writes through the dict it finds in the list, and adds the second dict it was given. */
    static void writeThroughTheList(List<Map<String, Integer>> list, Map<String, Integer> other) {
        Map<String, Integer> first = list.get(0);
        first.put("child", 2);
        first.put("parent", first.get("parent") + 10);
        other.put("seen", list.size());
        list.add(other);
    }

    @Test
    void shouldKeepAManagedDictInAManagedListWorkingInTheParentAndInAChild() throws Exception {
        try (SyncManager manager = new SyncManager().start()) {
            List<Map<String, Integer>> list = manager.list();
            Map<String, Integer> dict = manager.dict();
            list.add(dict);
            Map<String, Integer> back = list.get(0);
            back.put("parent", 1);
            assertThat(back).isEqualTo(dict); // the same managed object: equal proxies
            assertThat(dict.get("parent")).isEqualTo(1);

            Process child = new Process(NestedProxyTest::writeThroughTheList, list, manager.<String, Integer>dict());
            child.start();
            assertThat(child.join(WAIT)).isTrue();
            assertThat(child.exitCode()).hasValue(0);

            assertThat(dict).containsEntry("child", 2).containsEntry("parent", 11);
            assertThat(list).hasSize(2);
            assertThat(list.get(1)).containsExactly(Map.entry("seen", 1));
            assertThat(list.get(0).get("child")).isEqualTo(2);
        }
    }

    @Test
    void shouldKeepANestedProxyWorkingWithAnExplicitKeyOverTcp() throws Exception {
        byte[] key = "nested key".getBytes(StandardCharsets.UTF_8);
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (SyncManager manager = new SyncManager(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                key).start()) {
            Map<String, List<String>> outer = manager.dict();
            outer.put("names", manager.list());
            outer.get("names").add("ada");
            outer.get("names").add("grace");
            assertThat(outer.get("names")).containsExactly("ada", "grace");
        }
    }
}
