package io.github.multiprocessing4j;

import io.github.multiprocessing4j.exception.ProcessStartException;
import io.github.multiprocessing4j.exception.SerializationFailedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input fails at the call, in the parent, naming what is wrong, and leaves nothing behind. */
class BadInputTest {
    static void cook(int num) {
        if (num < 0) {
            throw new IllegalArgumentException();
        }
    }

    static void pair(String name, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(name);
        }
    }

    /** Not serializable. */
    static final class Connection {
        @Override
        public String toString() {
            return "connection";
        }
    }

    /** Serializable, but holds something that is not. */
    static final class Holder implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Connection connection = new Connection();
    }

    /** A subclass with a field that cannot cross. */
    static final class Worker extends Process {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Thread thread = new Thread(() -> { });

        @Override
        public void run() {
        }
    }

    @Test
    void shouldNameTheCapturedValueOfALambdaThatCannotBeSerialized() {
        Connection connection = new Connection();
        Process p = new Process(() -> System.out.println(connection));
        assertThatThrownBy(p::start).isInstanceOf(SerializationFailedException.class)
                .hasMessageContaining("captured value #0")
                .hasMessageContaining(Connection.class.getName())
                .hasMessageContaining("does not implement java.io.Serializable");
    }

    @Test
    void shouldNameTheFieldPathOfAnArgumentThatCannotBeSerialized() {
        Process p = new Process((Holder h) -> System.out.println(h), new Holder());
        assertThatThrownBy(p::start).isInstanceOf(SerializationFailedException.class)
                .hasMessageContaining("field 'connection'")
                .hasMessageContaining(Connection.class.getName());
    }

    @Test
    void shouldNameTheFieldOfASubclassThatCannotBeSerialized() {
        assertThatThrownBy(() -> new Worker().start()).isInstanceOf(SerializationFailedException.class)
                .hasMessageContaining("field 'thread'").hasMessageContaining("java.lang.Thread");
    }

    @Test
    void shouldBindKeywordArgumentsByParameterName() throws Exception {
        Process p = new Process(BadInputTest::pair).kwargs(Map.of("count", 2, "name", "x"));
        p.start();
        assertThat(p.join(Duration.ofSeconds(30))).isTrue();
        assertThat(p.exitCode()).hasValue(0);
    }

    @Test
    void shouldRejectAnUnknownKeyword() {
        Process p = new Process(BadInputTest::cook).kwargs(Map.of("numm", 2));
        assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no parameter named 'numm'")
                .hasMessageContaining("BadInputTest.cook(int num)")
                .hasMessageContaining("parameters=[num]");
    }

    @Test
    void shouldRejectAMissingArgument() {
        assertThatThrownBy(() -> new Process(BadInputTest::pair).kwargs(Map.of("name", "x")).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing argument 'count'");
        assertThatThrownBy(() -> new Process(BadInputTest::cook).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing argument 'num'");
    }

    @Test
    void shouldRejectAnArgumentGivenTwice() {
        Process p = new Process(BadInputTest::cook).args(1).kwargs(Map.of("num", 2));
        assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple values for argument 'num'");
    }

    @Test
    void shouldRejectAnArgumentOfTheWrongType() {
        Process p = new Process(BadInputTest::cook).kwargs(Map.of("num", "two"));
        assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("argument 'num' has the wrong type")
                .hasMessageContaining("expected=int, given=java.lang.String");
        Process q = new Process(BadInputTest::cook).args((Object) null);
        assertThatThrownBy(q::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is null but the parameter is int");
    }

    @Test
    void shouldRejectTooManyArguments() {
        Process p = new Process(BadInputTest::cook).args(1, 2);
        assertThatThrownBy(p::start).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too many arguments").hasMessageContaining("takes=1, given=2");
    }

    @Test
    void shouldCarryTheJvmsMessageForARejectedOption() {
        Process p = new Process(() -> { }).jvmOptions("-XX:+NoSuchOptionAnywhere");
        assertThatThrownBy(p::start).isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("the JVM rejected the child's options")
                .hasMessageContaining("NoSuchOptionAnywhere")
                .hasMessageContaining("Unrecognized VM option");
        assertThatThrownBy(p::join).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCarryTheOperatingSystemsMessageForAMissingJavaBinary() {
        Process p = new Process(() -> { }).executable(Paths.get("/no/such/java"));
        assertThatThrownBy(p::start).isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("/no/such/java").hasMessageContaining("No such file or directory");
    }

    @Test
    void shouldStartAfterAFailedStartWithTheSameKeywordArguments() throws Exception {
        Process p = new Process(BadInputTest::cook).kwargs(Map.of("num", 2)).executable(Paths.get("/no/such/java"));
        assertThatThrownBy(p::start).isInstanceOf(ProcessStartException.class);
        p.executable(Paths.get(System.getProperty("java.home"), "bin", "java"));
        p.start();
        assertThat(p.join(Duration.ofSeconds(30))).isTrue();
        assertThat(p.exitCode()).hasValue(0);
    }

    @Test
    void shouldRefuseALambdaWhoseInterfaceIsNotSerializable() {
        Runnable plain = () -> { };
        Process p = new Process(plain::run);
        // a method reference to a non-serializable object captures it
        assertThatThrownBy(p::start).isInstanceOf(SerializationFailedException.class)
                .hasMessageContaining("captured value #0");
    }
}
