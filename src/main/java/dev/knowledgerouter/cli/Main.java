package dev.knowledgerouter.cli;

import dev.knowledgerouter.app.Failure;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code kr}: quiet logging, one-line errors, Unix exit codes (0 ok, 1 failed, 2 usage). */
public final class Main {
    /** JUL holds loggers weakly: without this reference the level below would be forgotten. */
    private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");
    /** The Qdrant client's gRPC transport logs its start-up (epoll, TCP metrics) at INFO. */
    private static final Logger GRPC_LOG = Logger.getLogger("io.grpc");
    /**
     * Lucene warns at WARNING when the JDK's vector module is not in the boot layer; the kr launcher adds it only to
     * the commands that search or index at volume (serve, bench, eval), so for the others that is no news.
     */
    private static final Logger VECTORIZATION_LOG = Logger.getLogger("org.apache.lucene.internal.vectorization");

    private Main() {}

    public static void main(String[] args) {
        long started = System.currentTimeMillis();
        configureLogging();
        int status;
        try {
            status = run(KrContext.system(started), args);
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
        CommandLine cli = commandLine(context, args);
        return cli.execute(args);
    }

    /**
     * The command line with only the command the arguments name, and below it only the one they name next; at a
     * level where they name none (no arguments, help, a misspelt name), every command from there down.
     */
    static CommandLine commandLine(KrContext context, String... args) {
        CommandLine cli = new CommandLine(new KrCommand(context));
        addCommands(cli, KrCommand.SUBCOMMANDS, List.of(args));
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, context.err()));
        cli.setParameterExceptionHandler((e, a) -> {
            context.err().println("kr: " + e.getMessage());
            CommandLine c = e.getCommandLine();
            context.err().println("try `" + c.getCommandSpec().qualifiedName() + " --help`");
            return 2;
        });
        return cli;
    }

    /** @param args the arguments from this level's command name on; empty to add every command */
    private static void addCommands(CommandLine parent, List<Class<?>> commands, List<String> args) {
        String name = args.isEmpty() ? "" : args.getFirst();
        // help describes the command named after it, so it needs every command beside it.
        boolean named = !name.equals("help")
                && commands.stream().anyMatch(c -> nameOf(c).equals(name));
        for (Class<?> command : commands) {
            if (!named || nameOf(command).equals(name)) {
                parent.addSubcommand(command);
                List<Class<?>> nested = KrCommand.NESTED.getOrDefault(command, List.of());
                addCommands(
                        parent.getSubcommands().get(nameOf(command)),
                        nested,
                        named ? args.subList(1, args.size()) : List.of());
            }
        }
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /**
     * A command's failure on stderr, one {@code kr: } line per line of its message, and exit status 1. The user of
     * the command line runs kr too, so every failure but an internal one is told in full (a misconfiguration
     * included); an internal one names its class, and its trace is printed when KR_DEBUG is set.
     */
    static int report(Exception e, PrintStream err) {
        Failure failure = Failure.of(e);
        if (e instanceof CliException || failure.kind() != Failure.Kind.INTERNAL) {
            failure.message().lines().forEach(line -> err.println("kr: " + line));
            return 1;
        }
        err.println("kr: internal error: " + e.getClass().getName() + ": " + failure.message());
        if (System.getenv("KR_DEBUG") != null) {
            e.printStackTrace(err);
        } else {
            err.println("kr: set KR_DEBUG=1 for the stack trace");
        }
        return 1;
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
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            VECTORIZATION_LOG.setLevel(Level.SEVERE);
        }
        GRPC_LOG.setLevel(Level.WARNING);
        // gRPC's shaded Netty otherwise allocates through sun.misc.Unsafe, which JDK 24+ warns about on stderr
        // at every start; plain ByteBuffers are as good for the store's small calls.
        System.setProperty("io.grpc.netty.shaded.io.netty.noUnsafe", "true");
    }
}
