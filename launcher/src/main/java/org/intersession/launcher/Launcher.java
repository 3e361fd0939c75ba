package org.intersession.launcher;

import org.intersession.launcher.demo.DemoClinic;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * {@code ./intersession up}: the platform on this machine with nothing installed but a JDK and Maven.
 * Data stays in {@code .intersession/} between runs; Ctrl-C (or {@code ./intersession down} for a stack started with
 * {@code --background}) stops every part cleanly. {@code status} asks each part whether it is healthy.
 */
public final class Launcher {

    private static final PrintStream OUT = System.out;
    private static final String OPERATOR_PASSWORD_FILE = "operator-password";
    private static final Duration BACKGROUND_READY_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(90);

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        Optional<LaunchOptions> parsed = LaunchOptions.parse(List.of(args));
        if (parsed.isEmpty()) {
            OUT.println(LaunchOptions.USAGE);
            System.exit(2);
        }
        LaunchOptions options = parsed.get();
        Path home = Path.of("").toAbsolutePath();
        Path data = home.resolve(".intersession");
        int exit = switch (options.command()) {
            case UP -> options.background() ? background(options, data) : up(options, home, data);
            case DOWN -> down(data);
            case STATUS -> status(data);
        };
        System.exit(exit);
    }

    private static int up(LaunchOptions options, Path home, Path data) throws IOException, InterruptedException {
        if (running(data).isPresent()) {
            OUT.println("Intersession is already running here; see ./intersession status, or stop it with ./intersession down.");
            return 1;
        }
        Map<ServiceSpec, Integer> servicePorts = new EnumMap<>(ServiceSpec.class);
        servicePorts.put(ServiceSpec.ASSIGNMENT, port("INTERSESSION_ASSIGNMENT_PORT", 8081));
        servicePorts.put(ServiceSpec.PROGRESS, port("INTERSESSION_PROGRESS_PORT", 8082));
        servicePorts.put(ServiceSpec.NOTIFICATION, port("INTERSESSION_NOTIFICATION_PORT", 8083));
        String operatorPassword = operatorPassword(data);
        Stack.Settings settings = new Stack.Settings(home, data,
                port("INTERSESSION_GATEWAY_PORT", 8080), port("INTERSESSION_POSTGRES_PORT", 15432),
                port("INTERSESSION_KAFKA_PORT", 19092), servicePorts, operatorPassword, 1, JvmProfile.STANDARD,
                durableDatabase());

        Instant startedAt = Instant.now();
        StackState state = StackState.starting(ProcessHandle.current().pid(), startedAt);
        state.write(data);
        PartLogs files = options.detached() ? new PartLogs(data.resolve("logs")) : null;
        BiConsumer<String, String> log = files != null ? files : Launcher::print;

        long started = System.nanoTime();
        Stack stack;
        try {
            stack = Stack.start(settings, log);
        } catch (IOException | RuntimeException e) {
            StackState.remove(data);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("Stopping Intersession ...");
            stack.close();
            try {
                StackState.remove(data);
            } catch (IOException ignored) {
                // nothing to clean up then
            }
            if (files != null) {
                files.close();
            }
            OUT.println("Intersession stopped.");
            stopped.countDown();
        }, "stop-intersession"));

        OUT.printf("%nIntersession is up (ready in %.1f s).%n", took.toMillis() / 1000.0);
        if (options.demo()) {
            new DemoClinic(stack.gatewayUrl(), data, operatorPassword, OUT).seed();
        }
        printWelcome(stack.gatewayUrl(), data, operatorPassword, options.detached());
        state.ready(stack.postgres().port(), stack.kafka().port(), stack.mail().port(), urls(stack), childPids(data)).write(data);
        stopped.await();
        return 0;
    }

    /** Starts {@code up --detached} as its own session (so closing this terminal leaves it running) and waits until it is ready. */
    private static int background(LaunchOptions options, Path data) throws IOException, InterruptedException {
        if (running(data).isPresent()) {
            OUT.println("Intersession is already running here; see ./intersession status.");
            return 1;
        }
        Path logs = Files.createDirectories(data.resolve("logs"));
        Path launcherLog = logs.resolve("launcher.log");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Launcher.class.getName());
        command.addAll(options.detachedChildArguments());
        Process child = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(launcherLog.toFile()))
                .start();
        OUT.println("Starting Intersession in the background; logs in " + logs + " ...");
        long started = System.nanoTime();
        long deadline = started + BACKGROUND_READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StackState> state = readState(data);
            if (state.isPresent() && state.get().phase() == StackState.Phase.READY && isAlive(state.get().launcherPid())) {
                OUT.printf("Intersession is up in the background (ready in %.1f s).%n", (System.nanoTime() - started) / 1e9);
                OUT.print(Files.readString(launcherLog, StandardCharsets.UTF_8).lines()
                        .dropWhile(line -> !line.startsWith("Intersession is up"))
                        .skip(1).reduce(new StringBuilder(), (b, l) -> b.append(l).append(System.lineSeparator()), StringBuilder::append));
                OUT.println("Stop it with ./intersession down; ./intersession status shows each part's health.");
                return 0;
            }
            if (!child.isAlive()) {
                OUT.println("Intersession did not start; the end of " + launcherLog + ":");
                List<String> lines = Files.readAllLines(launcherLog, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(OUT::println);
                return 1;
            }
            Thread.sleep(500);
        }
        OUT.println("Intersession was not ready within " + BACKGROUND_READY_TIMEOUT.toMinutes() + " minutes; see " + logs);
        return 1;
    }

    /** SIGTERM to the launcher, which stops the services, Kafka and PostgreSQL in turn; then checks nothing is left. */
    private static int down(Path data) throws IOException, InterruptedException {
        Optional<StackState> found = readState(data);
        if (found.isEmpty()) {
            OUT.println("Intersession is not running here (no " + data.resolve(StackState.FILE) + ").");
            return 0;
        }
        StackState state = found.get();
        long started = System.nanoTime();
        Optional<ProcessHandle> launcher = ProcessHandle.of(state.launcherPid());
        if (launcher.isPresent() && launcher.get().isAlive()) {
            OUT.println("Stopping Intersession (launcher pid " + state.launcherPid() + ") ...");
            launcher.get().destroy();
            long deadline = System.nanoTime() + DOWN_TIMEOUT.toNanos();
            while (launcher.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            if (launcher.get().isAlive()) {
                OUT.println("The launcher did not stop within " + DOWN_TIMEOUT.toSeconds() + " s; killing it.");
                launcher.get().destroyForcibly();
            }
        }
        List<Long> leftOver = new ArrayList<>();
        for (long pid : state.childPids()) {
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(p -> {
                leftOver.add(pid);
                p.destroyForcibly();
            });
        }
        StackState.remove(data);
        if (!leftOver.isEmpty()) {
            OUT.println("These processes outlived the launcher and were killed: " + leftOver);
        }
        OUT.printf("Intersession is down (%.1f s).%n", (System.nanoTime() - started) / 1e9);
        return leftOver.isEmpty() ? 0 : 1;
    }

    private static int status(Path data) throws IOException {
        Optional<StackState> found = readState(data);
        if (found.isEmpty()) {
            OUT.println("Intersession is not running here. Start it with ./intersession up [--background].");
            return 3;
        }
        StackState state = found.get();
        boolean alive = isAlive(state.launcherPid());
        List<HealthProbe.Check> checks = state.phase() == StackState.Phase.READY && alive ? HealthProbe.all(state) : List.of();
        if (state.phase() == StackState.Phase.STARTING && alive) {
            OUT.println("Intersession is starting (launcher pid " + state.launcherPid() + "); see .intersession/logs/.");
            return 1;
        }
        OUT.print(StatusReport.render(state, alive, checks, Instant.now()));
        return StatusReport.healthy(alive, checks) ? 0 : 1;
    }

    /** A stack whose launcher still runs; a state file left by a launcher that died is removed. */
    private static Optional<StackState> running(Path data) throws IOException {
        Optional<StackState> state = readState(data);
        if (state.isPresent() && !isAlive(state.get().launcherPid())) {
            StackState.remove(data);
            return Optional.empty();
        }
        return state;
    }

    private static Optional<StackState> readState(Path data) throws IOException {
        try {
            return StackState.read(data);
        } catch (IllegalArgumentException e) {
            OUT.println("Ignoring an unreadable " + data.resolve(StackState.FILE) + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Map<String, String> urls(Stack stack) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.values()) {
            urls.put(spec.module(), stack.url(spec));
        }
        return urls;
    }

    /** The services and Kafka are our children; PostgreSQL runs detached from pg_ctl, so its postmaster.pid names it. */
    private static List<Long> childPids(Path data) throws IOException {
        List<Long> pids = new ArrayList<>(ProcessHandle.current().children().map(ProcessHandle::pid).toList());
        Path postmaster = data.resolve("postgres").resolve("postmaster.pid");
        if (Files.isRegularFile(postmaster)) {
            Files.readAllLines(postmaster, StandardCharsets.UTF_8).stream().findFirst()
                    .ifPresent(line -> pids.add(Long.parseLong(line.strip())));
        }
        return pids;
    }

    private static void printWelcome(String gateway, Path data, String operatorPassword, boolean detached) {
        OUT.println("  Gateway:   " + gateway);
        OUT.println("  Health:    " + gateway + "/q/health/ready");
        OUT.println("  API:       " + gateway + "/openapi (Swagger UI: " + gateway + "/q/swagger-ui)");
        OUT.println("  JWKS:      " + gateway + "/.well-known/jwks.json");
        OUT.println("  Data:      " + data + " (kept between runs)");
        OUT.println("  Email:     " + data.resolve("mail") + " (every message the platform sends, as .eml files)");
        if (detached) {
            OUT.println("  Logs:      " + data.resolve("logs"));
        }
        OUT.println();
        OUT.println("First token, as the platform operator (who creates clinics and their first admin):");
        OUT.println("  curl -s -X POST " + gateway + "/api/v1/auth/login -H 'Content-Type: application/json' \\");
        OUT.println("       -d '{\"email\":\"" + Stack.OPERATOR_EMAIL + "\",\"password\":\"" + operatorPassword + "\"}'");
        OUT.println("  (the password is kept in " + data.resolve(OPERATOR_PASSWORD_FILE) + ")");
        if (!detached) {
            OUT.println("Press Ctrl-C to stop.");
        }
        OUT.flush();
    }

    /** Made on the first run and kept, owner-readable only, with the rest of the local data. */
    private static String operatorPassword(Path data) throws IOException {
        return LocalSecrets.readOrCreate(data.resolve(OPERATOR_PASSWORD_FILE), 18, Base64.getUrlEncoder().withoutPadding());
    }

    public static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    private static synchronized void print(String part, String line) {
        OUT.printf("%-21s %s%n", "[" + part + "]", line);
    }

    /**
     * The local PostgreSQL commits as production does unless INTERSESSION_POSTGRES_DURABLE=false trades that (a
     * committed transaction may be lost if the machine crashes) for faster writes.
     */
    static boolean durableDatabase() {
        String value = System.getenv("INTERSESSION_POSTGRES_DURABLE");
        return value == null || !value.strip().equalsIgnoreCase("false");
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
