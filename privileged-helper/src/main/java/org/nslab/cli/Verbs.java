package org.nslab.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one place verbs are registered.
 *
 * <p>To add a verb: write a picocli {@code @Command(name = "verb", description = ..., exitCodeList = ...)} class
 * implementing {@code Callable<Integer>} that returns an {@link ExitCodes} value and prints only through
 * {@link LabVerb} (as {@code @Mixin LabVerb verb}: its streams, loading the design, the lab service and failures;
 * {@link JsonOption} for a {@code --json} switch), then add its class to
 * {@link #VERBS} on a line of its own. Nothing else changes.
 */
public final class Verbs {
    private Verbs() {}

    static final List<Class<?>> VERBS = List.of(
            ValidateCommand.class,
            PlanCommand.class,
            PlaceCommand.class,
            ExportCommand.class,
            ImportCommand.class,
            ApplyCommand.class,
            TeardownCommand.class,
            StatusCommand.class,
            CaptureCommand.class,
            ListCommand.class,
            ExecCommand.class,
            ShellCommand.class,
            CheckCommand.class,
            TraceCommand.class,
            DoctorCommand.class,
            HelperCommand.class,
            RelayCommand.class,
            BenchCommand.class);

    /** Its help options, version and exit status heading (and list, where a verb has none of its own) go to every verb. */
    @Command(name = "nslab", scope = CommandLine.ScopeType.INHERIT, mixinStandardHelpOptions = true, version = Main.VERSION,
            description = "Designs, applies and checks Linux virtual networks (namespaces, veths, bridges, TUN/TAP, iptables).",
            commandListHeading = "%nVerbs:%n",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {"0:success", "1:the design is invalid (nothing was changed)", "2:usage error",
                    "3:the kernel refused a step (rolled back) or a check failed", "4:no permission, or the helper cannot be reached"})
    static final class Root implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "a verb is missing");
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, VERBS);
    }

    /**
     * The command line for one run. A verb's picocli model is made by reflection and loads the types the verb
     * uses (Jackson, the kernel layer), so only the verb the arguments name is built ({@link Main} answers
     * {@code --version} itself); help, a missing or unknown verb get them all (the list, suggestions).
     */
    static CommandLine forArguments(PrintWriter out, PrintWriter err, String... args) {
        if (args.length > 0) {
            // Reading a class's annotations loads it and makes proxies for them: the verb's conventional class is
            // tried first, so a start reads one verb's, not every verb's.
            for (Class<?> verb : VERBS) {
                if (conventionalName(verb).equals(args[0]) && names(verb).contains(args[0])) return commandLine(out, err, List.of(verb));
            }
            for (Class<?> verb : VERBS) {
                if (names(verb).contains(args[0])) return commandLine(out, err, List.of(verb));
            }
        }
        return commandLine(out, err, VERBS);
    }

    /** {@code ApplyCommand} for the verb {@code apply}: the name its class would have, by the project's naming. */
    static String conventionalName(Class<?> verb) {
        return verb.getSimpleName().replaceFirst("Command$", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> names(Class<?> verb) {
        Command c = verb.getAnnotation(Command.class);
        if (c == null) return List.of();
        List<String> names = new java.util.ArrayList<>(List.of(c.aliases()));
        names.add(c.name());
        return names;
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Class<?>> verbs) {
        CommandLine cl = new CommandLine(new Root());
        for (Class<?> verb : verbs) cl.addSubcommand(verb);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            // A verb's own failures return a status; what reaches here is unexpected, so say so plainly.
            line.getErr().println("nslab: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof IllegalArgumentException ? ExitCodes.INVALID : ExitCodes.FAILED;
        });
        return cl;
    }
}
