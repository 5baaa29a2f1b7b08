package io.github.multiprocessing4j.internal.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessing4j.Process;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular application on the module path ({@code java --module-path ... -m app/app.Main}) starts processes and
 * a pool whose children resolve its module: they start with the parent's module path and root modules. The
 * application does not open its package to the library.
 */
class ModulePathTest {
    private static final String MODULE_INFO = """
            module app {
                requires io.github.multiprocessing4j;
            }
            """;

    private static final String MAIN = """
            package app;

            import io.github.multiprocessing4j.Multiprocessing;
            import io.github.multiprocessing4j.Process;
            import io.github.multiprocessing4j.pool.Pool;
            import java.util.List;
            import java.util.Map;

            public final class Main {
                static void greet(int n) {
                    System.out.println("method " + n + " in " + where());
                }

                static String where() {
                    return Main.class.getModule() + ", child " + Multiprocessing.parentProcess().isPresent();
                }

                public static void main(String[] args) throws Exception {
                    Process method = new Process(Main::greet, 7);
                    method.start();
                    method.join();
                    Process keywords = new Process(Main::greet).kwargs(Map.of("n", 8));
                    keywords.start();
                    keywords.join();
                    int base = 40;
                    Process lambda = new Process(() -> System.out.println("lambda " + (base + 2) + " in " + where()));
                    lambda.start();
                    lambda.join();
                    try (Pool pool = Pool.builder().processes(2).build()) {
                        System.out.println("pool " + pool.map(x -> x * x, List.of(1, 2, 3, 4)));
                    }
                    System.out.println("exit codes " + method.exitCode().getAsInt() + " "
                            + keywords.exitCode().getAsInt() + " " + lambda.exitCode().getAsInt());
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void shouldRunProcessesAndAPoolOfAModularApplication() throws Exception {
        Path library = Paths.get(Process.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(library.resolve("module-info.class")).exists();
        Path modules = dir.resolve("modules");
        compile(library, modules.resolve("app"));

        java.lang.Process app = new ProcessBuilder(InheritedJvm.javaBinary().toString(),
                "--module-path", library + File.pathSeparator + modules, "-m", "app/app.Main")
                .redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            assertThat(app.waitFor(120, TimeUnit.SECONDS)).as("the application ended").isTrue();
            String printed = output.get(10, TimeUnit.SECONDS);
            assertThat(printed.lines().toList()).as(printed).containsExactly(
                    "method 7 in module app, child true",
                    "method 8 in module app, child true",
                    "lambda 42 in module app, child true",
                    "pool [1, 4, 9, 16]",
                    "exit codes 0 0 0");
            assertThat(app.exitValue()).isZero();
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
            app.getInputStream().close();
            app.getOutputStream().close();
        }
    }

    @Test
    void shouldGiveAChildTheRootModulesOfItsParent() {
        String library = "io.github.multiprocessing4j";
        assertThat(ChildCommand.rootModules(library, "app")).containsExactly("--add-modules", "app");
        assertThat(ChildCommand.rootModules(library, library)).isEmpty();
        assertThat(ChildCommand.rootModules(library, null)).containsExactly("--add-modules", "ALL-DEFAULT");
    }

    /** Compiles the application module, with parameter names for its keyword arguments. */
    private void compile(Path library, Path out) throws IOException {
        Path sources = dir.resolve("src");
        Files.createDirectories(sources.resolve("app"));
        Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(sources.resolve("app/Main.java"), MAIN);
        StringWriter messages = new StringWriter();
        PrintWriter to = new PrintWriter(messages, true);
        int status = ToolProvider.findFirst("javac").orElseThrow().run(to, to, "--release", "17", "-parameters",
                "--module-path", library.toString(), "-d", out.toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("app/Main.java").toString());
        assertThat(status).as(messages.toString()).isZero();
    }
}
