package dev.knowledgerouter.cli;

import dev.knowledgerouter.answer.ConcurrencyGate;
import dev.knowledgerouter.answer.OllamaAdmin;
import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.config.ConfigException;
import dev.knowledgerouter.knowledge.EmbedderUnavailableException;
import dev.knowledgerouter.knowledge.StopSignal;
import dev.knowledgerouter.knowledge.StoreException;
import dev.knowledgerouter.learn.UnknownInteractionException;
import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;

/** Entry point of {@code kr}: quiet logging, one-line errors, Unix exit codes (0 ok, 1 failed, 2 usage). */
public final class Main {
    /** JUL holds loggers weakly: without this reference the level below would be forgotten. */
    private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");
    /** The Qdrant client's gRPC transport logs its start-up (epoll, TCP metrics) at INFO. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");

    private Main() {}

    public static void main(String[] args) {
        configureLogging();
        int status;
        try {
            status = run(KrContext.system(), args);
        } catch (Throwable t) {
            // Errors (a native library that will not load, memory exhausted) bypass picocli's handler.
            System.err.println("kr: fatal: " + t.getClass().getName() + ": " + t.getMessage());
            System.err.println("kr: set KR_DEBUG=1 for the stack trace");
            if (System.getenv("KR_DEBUG") != null) {
                t.printStackTrace();
            }
            status = 1;
        }
        System.exit(status);
    }

    static int run(KrContext context, String... args) {
        CommandLine cli = commandLine(context);
        return cli.execute(args);
    }

    static CommandLine commandLine(KrContext context) {
        CommandLine cli = new CommandLine(new KrCommand(context));
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (e instanceof CliException
                    || e instanceof ConfigException
                    || e instanceof StoreException
                    || e instanceof InvalidRequestException
                    || e instanceof IllegalArgumentException
                    || e instanceof ConcurrencyGate.BusyException
                    || e instanceof OllamaAdmin.AdminException
                    || e instanceof EmbedderUnavailableException
                    || e instanceof StopSignal.StoppedException
                    || e instanceof UnknownInteractionException) {
                message.lines().forEach(line -> context.err().println("kr: " + line));
                return 1;
            }
            context.err().println("kr: internal error: " + e.getClass().getName() + ": " + message);
            if (System.getenv("KR_DEBUG") != null) {
                e.printStackTrace(context.err());
            } else {
                context.err().println("kr: set KR_DEBUG=1 for the stack trace");
            }
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            context.err().println("kr: " + e.getMessage());
            CommandLine c = e.getCommandLine();
            context.err().println("try `" + c.getCommandSpec().qualifiedName() + " --help`");
            return 2;
        });
        return cli;
    }

    /** Library chatter (DJL, Lucene, Jetty) stays below WARN unless KR_LOG_LEVEL asks for more. */
    static void configureLogging() {
        String level = System.getenv().getOrDefault("KR_LOG_LEVEL", "warn");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        // The Qdrant client logs every failed call with its stack trace; kr reports failures itself, once.
        System.setProperty("org.slf4j.simpleLogger.log.io.qdrant.client", "off");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        LUCENE_LOG.setLevel(Level.WARNING);
        GRPC_LOG.setLevel(Level.WARNING);
        // gRPC's shaded Netty otherwise allocates through sun.misc.Unsafe, which JDK 24+ warns about on stderr
        // at every start; plain ByteBuffers are as good for the store's small calls.
        System.setProperty("io.grpc.netty.shaded.io.netty.noUnsafe", "true");
    }
}
