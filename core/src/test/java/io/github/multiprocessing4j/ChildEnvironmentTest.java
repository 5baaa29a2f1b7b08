package io.github.multiprocessing4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** What a child sees: its identity, its parent, its environment, and where its output goes. */
class ChildEnvironmentTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static void describeSelf() throws Exception {
        Process me = Multiprocessing.currentProcess();
        Process parent = Multiprocessing.parentProcess().orElseThrow();
        System.out.println("name=" + me.getName());
        System.out.println("daemon=" + me.isDaemon());
        System.out.println("alive=" + me.isAlive());
        System.out.println("pid=" + me.pid() + "/" + Multiprocessing.getPid());
        System.out.println("parent=" + parent.getName() + "/" + parent.pid() + "/" + parent.isAlive());
        System.out.println("ppid=" + Multiprocessing.getParentPid());
        System.out.println("stdin=" + System.in.read());
    }

    static void describeEnvironment() {
        System.out.println("env=" + System.getenv("MP4J_TEST_VAR"));
        System.out.println("dir=" + Path.of("").toAbsolutePath());
        System.out.println("option=" + System.getProperty("mp4j.test.option"));
        System.out.println("inherited=" + System.getProperty("mp4j.test.inherited"));
        System.out.println("heap=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    static void startGrandchild() throws Exception {
        Process grandchild = new Process(ChildEnvironmentTest::describeSelf);
        grandchild.start();
        grandchild.join();
        System.out.println("grandchild-exit=" + grandchild.exitCode().getAsInt());
    }

    static void printBoth() {
        System.out.println("to stdout");
        System.err.println("to stderr");
    }

    private static String run(Process p) throws InterruptedException {
        p.stdout(Output.capture());
        p.start();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(0);
        return p.capturedOutput();
    }

    @Test
    void shouldKnowItselfAndItsParent() throws Exception {
        Process p = new Process(ChildEnvironmentTest::describeSelf).setName("cook").setDaemon(true);
        String out = run(p);
        long me = ProcessHandle.current().pid();
        assertThat(out).contains("name=cook", "daemon=true", "alive=true", "pid=" + p.pid() + "/" + p.pid(),
                "parent=MainProcess/" + me + "/true", "ppid=" + me, "stdin=-1");
    }

    @Test
    void shouldNameAGrandchildAfterItsParentAsPythonDoes() throws Exception {
        Process p = new Process(ChildEnvironmentTest::startGrandchild);
        String out = run(p);
        assertThat(out).contains("name=" + p.getName() + ":1", "parent=" + p.getName() + "/", "grandchild-exit=0");
    }

    @Test
    void shouldApplyEnvironmentDirectoryAndJvmOptions() throws Exception {
        Process p = new Process(ChildEnvironmentTest::describeEnvironment)
                .environment(Map.of("MP4J_TEST_VAR", "from-parent"))
                .directory(dir)
                .jvmOptions("-Dmp4j.test.option=set", "-Xmx48m");
        String out = run(p);
        assertThat(out).contains("env=from-parent", "dir=" + dir.toRealPath(), "option=set");
        long heap = Long.parseLong(out.lines().filter(l -> l.startsWith("heap=")).findFirst().orElseThrow()
                .substring(5));
        assertThat(heap).isLessThanOrEqualTo(48);
    }

    @Test
    void shouldInheritThisJvmsSystemPropertiesFromItsCommandLine() throws Exception {
        String out = run(new Process(ChildEnvironmentTest::describeEnvironment));
        assertThat(out).contains("inherited=" + System.getProperty("mp4j.test.inherited"));
        assertThat(System.getProperty("mp4j.test.inherited")).as("set by the surefire argLine").isEqualTo("yes");
    }

    static void printChildOption() {
        System.out.println("child-option=" + System.getProperty("mp4j.test.child"));
    }

    @Test
    void shouldGiveEveryChildTheConfiguredChildJvmOptions() throws Exception {
        System.setProperty("multiprocessing4j.childJvmOptions", "-Dmp4j.test.child=set -Xss1m");
        try {
            String out = run(new Process(ChildEnvironmentTest::printChildOption).startMethod(StartMethod.SPAWN));
            assertThat(out).isEqualTo("child-option=set" + System.lineSeparator());
        } finally {
            System.clearProperty("multiprocessing4j.childJvmOptions");
        }
    }

    static void writeLength(String file, String big) throws Exception {
        Files.writeString(Path.of(file), "length=" + big.length());
    }

    @ParameterizedTest
    @EnumSource(StartMethod.class)
    void shouldCarryALargeArgument(StartMethod method) throws Exception {
        Path file = dir.resolve("length");
        Process p = new Process(ChildEnvironmentTest::writeLength, file.toString(), "x".repeat(3_000_000))
                .startMethod(method);
        p.start();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(p.exitCode()).hasValue(0);
        assertThat(Files.readString(file)).isEqualTo("length=3000000");
    }

    @Test
    void shouldForwardOutputToThisJvmsSystemOut() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(copy, true, StandardCharsets.UTF_8));
        try {
            Process p = new Process(ChildEnvironmentTest::printBoth).stdout(Output.forward())
                    .stderr(Output.capture());
            p.start();
            assertThat(p.join(WAIT)).isTrue();
            assertThat(p.capturedError()).isEqualTo("to stderr" + System.lineSeparator());
        } finally {
            System.setOut(original);
        }
        assertThat(copy.toString(StandardCharsets.UTF_8)).isEqualTo("to stdout" + System.lineSeparator());
    }

    @Test
    void shouldWriteOutputToAFile() throws Exception {
        Path file = dir.resolve("out.txt");
        Process p = new Process(ChildEnvironmentTest::printBoth).stdout(Output.toFile(file))
                .stderr(Output.discard());
        p.start();
        assertThat(p.join(WAIT)).isTrue();
        assertThat(Files.readString(file)).isEqualTo("to stdout" + System.lineSeparator());
    }
}
