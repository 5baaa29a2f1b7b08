package io.github.multiprocessing4j;

import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.exception.RemoteThrowable;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.example.mp4jtest.SecretException;
import org.junit.jupiter.api.Test;

/** An exception in the child reaches the parent with the child's frames, whatever its class. */
class ChildExceptionTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static void throwIllegalState() {
        deeper();
    }

    private static void deeper() {
        throw new IllegalStateException("boom in the child");
    }

    static void throwUnknownClass() {
        throw new SecretException("secret", new java.io.IOException("the cause"));
    }

    static void throwUnserializable() {
        throw new Unserializable();
    }

    /** Its field makes it fail java.io serialization. */
    static final class Unserializable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object lock = new Object();

        Unserializable() {
            super("cannot be serialized");
        }
    }

    private static Process runToEnd(Process p) throws InterruptedException {
        p.stderr(Output.capture());
        p.start();
        assertThat(p.join(WAIT)).isTrue();
        return p;
    }

    @Test
    void shouldDeliverTheOriginalExceptionWithTheChildsFrames() throws Exception {
        Process p = runToEnd(new Process(ChildExceptionTest::throwIllegalState));
        assertThat(p.exitCode()).hasValue(1);
        ChildProcessException e = p.exception().orElseThrow();
        assertThat(e.pid()).isEqualTo(p.pid());
        assertThat(e.processName()).isEqualTo(p.getName());
        assertThat(e.getMessage()).contains("name=" + p.getName(), "pid=" + p.pid(), "boom in the child");
        assertThat(e.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("boom in the child");
        assertThat(e.getCause().getStackTrace()[0].getMethodName()).isEqualTo("deeper");
        assertThat(stackTrace(e)).contains("deeper", "throwIllegalState", "ChildMain");
    }

    @Test
    void shouldPrintTheTracebackOnTheChildsStderrAsPythonDoes() throws Exception {
        Process p = runToEnd(new Process(ChildExceptionTest::throwIllegalState));
        assertThat(p.capturedError()).startsWith("Process " + p.getName() + ":")
                .contains("java.lang.IllegalStateException: boom in the child", "at ");
    }

    @Test
    void shouldRebuildAnExceptionWhoseClassTheParentRefuses() throws Exception {
        Process p = runToEnd(new Process(ChildExceptionTest::throwUnknownClass));
        Throwable cause = p.exception().orElseThrow().getCause();
        assertThat(cause).isInstanceOf(RemoteThrowable.class);
        assertThat(((RemoteThrowable) cause).originalClassName()).isEqualTo(SecretException.class.getName());
        assertThat(cause.toString()).isEqualTo(SecretException.class.getName() + ": secret");
        assertThat(cause.getStackTrace()[0].getMethodName()).isEqualTo("throwUnknownClass");
        assertThat(cause.getCause()).hasMessage("the cause");
    }

    @Test
    void shouldRebuildAnExceptionThatCannotBeSerialized() throws Exception {
        Process p = runToEnd(new Process(ChildExceptionTest::throwUnserializable));
        Throwable cause = p.exception().orElseThrow().getCause();
        assertThat(cause).isInstanceOf(RemoteThrowable.class).hasMessage("cannot be serialized");
        assertThat(((RemoteThrowable) cause).originalClassName()).isEqualTo(Unserializable.class.getName());
    }

    @Test
    void shouldHaveNoExceptionWhenTheTargetReturns() throws Exception {
        Process p = runToEnd(new Process(() -> { }));
        assertThat(p.exception()).isEmpty();
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
