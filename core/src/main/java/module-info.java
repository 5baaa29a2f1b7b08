/**
 * Python's {@code multiprocessing} for the JVM: child JVMs ({@link io.github.multiprocessing4j.Process}), pools,
 * queues and pipes, locks, and shared memory.
 *
 * <p>Only the public packages are exported; {@code io.github.multiprocessing4j.internal.*} is the machinery and
 * may change at any time.
 *
 * <p><b>User code in a named module.</b> Nothing needs to be opened to this module: targets and tasks cross to the
 * child JVM with java.io serialization, which the JDK performs on behalf of the user's module (a lambda is rebuilt
 * by its capturing class's {@code $deserializeLambda$}, which the JDK calls). A child JVM starts with the parent's
 * module path, the parent's main module as a root module ({@code --add-modules}) and the parent's other
 * {@code --add-modules}, so the user's classes resolve there as they do in the parent. Opening a package to this
 * module ({@code opens com.example.app to io.github.multiprocessing4j;}) is optional and only makes a start
 * faster: a static method target or a lambda that does not capture {@code this}, whose arguments are all boxed
 * primitives, strings or primitive arrays, is then sent in a direct form that the child calls by reflection,
 * without java.io and without the lambda bootstrap.
 *
 * <p><b>The optional progress bar</b> ({@code MapOptions.progressBar()}) needs the module
 * {@code me.tongfei.progressbar} (artifact {@code me.tongfei:progressbar:0.10.2}). It is read only when present:
 * on the module path, add it to the root modules ({@code --add-modules me.tongfei.progressbar}) unless another
 * module requires it.
 */
module io.github.multiprocessing4j {
    exports io.github.multiprocessing4j;
    exports io.github.multiprocessing4j.exception;
    exports io.github.multiprocessing4j.function;
    exports io.github.multiprocessing4j.ipc;
    exports io.github.multiprocessing4j.manager;
    exports io.github.multiprocessing4j.pool;
    exports io.github.multiprocessing4j.shm;
    exports io.github.multiprocessing4j.sync;

    // sun.misc.Signal: a child reports SIGTERM and SIGINT as exit codes -15 and -2, as Python does
    requires jdk.unsupported;
    // JDK Flight Recorder events (internal/events): in every JDK since 11; no cost when no recording is on
    requires jdk.jfr;
    requires static me.tongfei.progressbar;
}
