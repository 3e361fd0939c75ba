package org.intersession.launcher;

import java.util.List;
import java.util.Optional;

/**
 * What {@code ./intersession} was asked to do: {@code up [--demo] [--background|-d]}, {@code down} or {@code status}.
 * {@code --detached} is internal: the background child started by {@code up --background} runs with it.
 */
public record LaunchOptions(Command command, boolean demo, boolean background, boolean detached) {

    public enum Command { UP, DOWN, STATUS }

    public static final String USAGE = """
            usage: ./intersession up [--demo] [--background | -d]
                   ./intersession down
                   ./intersession status""";

    /** Empty when the arguments make no sense; the caller prints {@link #USAGE}. */
    public static Optional<LaunchOptions> parse(List<String> args) {
        if (args.isEmpty()) {
            return Optional.of(new LaunchOptions(Command.UP, false, false, false));
        }
        Command command;
        switch (args.get(0)) {
            case "up" -> command = Command.UP;
            case "down" -> command = Command.DOWN;
            case "status" -> command = Command.STATUS;
            default -> {
                return Optional.empty();
            }
        }
        boolean demo = false;
        boolean background = false;
        boolean detached = false;
        for (String flag : args.subList(1, args.size())) {
            if (command != Command.UP) {
                return Optional.empty();
            }
            switch (flag) {
                case "--demo" -> demo = true;
                case "--background", "-d" -> background = true;
                case "--detached" -> detached = true;
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (background && detached) {
            return Optional.empty();
        }
        return Optional.of(new LaunchOptions(command, demo, background, detached));
    }

    /** The arguments of the background child that runs the stack for {@code up --background}. */
    public List<String> detachedChildArguments() {
        return demo ? List.of("up", "--detached", "--demo") : List.of("up", "--detached");
    }
}
