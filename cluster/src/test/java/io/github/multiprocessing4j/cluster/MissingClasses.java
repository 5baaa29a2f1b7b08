package io.github.multiprocessing4j.cluster;

import io.github.multiprocessing4j.function.SerializableFunction;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** A function class compiled at test time into a directory that only this JVM has on its class path. */
final class MissingClasses {
    static final String NAME = "io.github.multiprocessing4j.cluster.onlyhere.Triple";

    private MissingClasses() {
    }

    static Object compileAndLoad(Path dir) throws Exception {
        Path source = dir.resolve("src/io/github/multiprocessing4j/cluster/onlyhere/Triple.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package io.github.multiprocessing4j.cluster.onlyhere;\n"
                + "public class Triple implements io.github.multiprocessing4j.function.SerializableFunction<Integer,"
                + " Integer> {\n private static final long serialVersionUID = 1L;\n"
                + " public Integer apply(Integer x) { return 3 * x; }\n}\n");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int code = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                source.toString());
        if (code != 0) {
            throw new IllegalStateException("javac failed: " + code);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                MissingClasses.class.getClassLoader());
        return loader.loadClass(NAME).getConstructor().newInstance();
    }

    @SuppressWarnings("unchecked")
    static SerializableFunction<Integer, Integer> asFunction(Object function) {
        return (SerializableFunction<Integer, Integer>) function;
    }
}
