package dev.knowledgerouter.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * How a request to stop reaches a long-running command. In the real process SIGTERM and SIGINT are
 * taken over: the JVM would otherwise start its shutdown at once, running every library's shutdown
 * hook beside ours, and ONNX Runtime's hook frees its native environment while an embedding may still
 * run (a SIGSEGV). With the signal in hand the command stops its own work first and exits after.
 * In tests nothing is installed.
 */
interface Termination {
    Termination NONE = onSignal -> false;

    /**
     * Calls {@code onSignal} with the signal's number the first time the process is asked to stop; a
     * second signal while stopping is answered on stderr. Returns whether signals are handled this way
     * (otherwise the JVM's own shutdown is all there is).
     */
    boolean onSignal(IntConsumer onSignal);

    /** SIGTERM and SIGINT, where the platform has them; handled when SIGTERM is. */
    static Termination signals(PrintStream err) {
        return onSignal -> {
            AtomicBoolean stopping = new AtomicBoolean();
            SignalHandler handler = signal -> {
                if (stopping.compareAndSet(false, true)) {
                    onSignal.accept(signal.getNumber());
                } else {
                    err.println("kr: already stopping (it takes a few seconds); kill -9 ends it at once,"
                            + " and the next start cleans up");
                }
            };
            boolean term = install("TERM", handler);
            // SIGINT is ignored in processes started in the background by a shell; then it stays so.
            install("INT", handler);
            return term;
        };
    }

    private static boolean install(String name, SignalHandler handler) {
        try {
            Signal.handle(new Signal(name), handler);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No such signal here, or the JVM runs with -Xrs: its own shutdown hooks remain.
            return false;
        }
    }
}
