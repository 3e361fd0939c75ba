package org.intersession.benchmark;

import org.intersession.launcher.ServiceSpec;
import org.intersession.launcher.Stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code ./intersession bench [--quick] [--only caseload|posts] [--keep] [--out FILE]}: starts the platform with the
 * launcher's {@link Stack}, seeds it (see {@link Seeder}), measures the operations of issue #9 against JDBC baselines
 * on the same PostgreSQL, and writes the figures into docs/benchmarks.md. Everything runs from a temporary directory
 * that is deleted at the end.
 */
public final class Benchmark {

    /** The gateway's edge limits are per principal and per minute; a benchmark's few principals need a larger budget. */
    static final List<String> REQUIRED_ENVIRONMENT = List.of("INTERSESSION_EDGE_REQUESTS_PER_MINUTE",
            "INTERSESSION_EDGE_AUTH_REQUESTS_PER_MINUTE", "INTERSESSION_TOKENS_ACCESS_TOKEN_LIFETIME");

    /** The operations {@code --only} can single out. */
    enum Only {
        ALL, CASELOAD, POSTS
    }

    private final Scale scale;
    private final String command;
    private final Path home;
    private final Only only;
    private final boolean keep;
    private final ServiceProcesses processes = new ServiceProcesses();
    private final Api api = new Api();
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<ReportWriter.Row> data = new ArrayList<>();
    private final List<ReportWriter.Row> cpuRows = new ArrayList<>();
    private CpuAccount cpu;
    private Stack stack;

    private Benchmark(Scale scale, String command, Path home, Only only, boolean keep) {
        this.scale = scale;
        this.command = command;
        this.home = home;
        this.only = only;
        this.keep = keep;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        boolean keep = List.of(args).contains("--keep");
        Only only = Only.ALL;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--only")) {
                switch (args[i + 1]) {
                    case "caseload" -> only = Only.CASELOAD;
                    case "posts" -> only = Only.POSTS;
                    default -> {
                        System.err.println("--only takes: caseload, posts");
                        System.exit(2);
                    }
                }
            }
        }
        Path home = Path.of("").toAbsolutePath();
        // a partial run never replaces the full run's figures in docs/benchmarks.md
        Path out = home.resolve(quick ? "benchmarks/target/benchmarks-quick.md"
                : only != Only.ALL ? "benchmarks/target/benchmarks-" + only.name().toLowerCase(Locale.ROOT) + ".md" : "docs/benchmarks.md");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]).toAbsolutePath();
            }
        }
        List<String> missing = REQUIRED_ENVIRONMENT.stream().filter(v -> System.getenv(v) == null).toList();
        if (!missing.isEmpty()) {
            System.err.println("Run the benchmark with ./intersession bench, which sets " + missing);
            System.exit(2);
        }
        String command = "./intersession bench" + (quick ? " --quick" : "") + (only != Only.ALL ? " --only " + only.name().toLowerCase(Locale.ROOT) : "");
        new Benchmark(quick ? Scale.QUICK : Scale.FULL, command, home, only, keep).run(out);
    }

    private void run(Path out) throws Exception {
        Path data = Files.createTempDirectory("intersession-bench-");
        Path logs = home.resolve("benchmarks/target/bench-logs");
        Files.createDirectories(logs);
        Map<String, PrintWriter> logFiles = new ConcurrentHashMap<>();
        Thread cleanup = new Thread(() -> stopAndDelete(data, logFiles), "stop-benchmark-stack");
        Runtime.getRuntime().addShutdownHook(cleanup);
        String date = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String machine = machine();
        try {
            String operatorPassword = "bench-" + UUID.randomUUID();
            say("starting the platform (logs in " + home.relativize(logs) + ")");
            long started = System.nanoTime();
            // durable as in production (fsync, synchronous_commit on), unless INTERSESSION_POSTGRES_DURABLE=false
            boolean durable = !"false".equalsIgnoreCase(System.getenv().getOrDefault("INTERSESSION_POSTGRES_DURABLE", "true").strip());
            say("PostgreSQL " + (durable ? "durable (fsync and synchronous_commit on)" : "not durable (fsync and synchronous_commit off)"));
            stack = Stack.start(Stack.Settings.ephemeral(home, data, operatorPassword).withDurableDatabase(durable), (part, line) -> {
                processes.onLine(part, line);
                logFiles.computeIfAbsent(part, p -> writer(logs.resolve(p + ".log"))).println(line);
            });
            say("platform ready in %.1f s".formatted((System.nanoTime() - started) / 1e9));
            Stack running = stack;
            processes.lookUpProcessesWith(module -> Arrays.stream(ServiceSpec.values())
                    .filter(spec -> spec.module().equals(module)).findFirst().flatMap(spec -> running.process(spec, 0)));
            List<CpuAccount.Part> parts = new ArrayList<>();
            for (ServiceSpec spec : ServiceSpec.values()) {
                parts.add(new CpuAccount.Part(spec.module(), () -> running.process(spec, 0), false));
            }
            parts.add(new CpuAccount.Part("postgresql", () -> running.postgres().postmaster(), true));
            parts.add(new CpuAccount.Part("kafka", () -> running.kafka().process(), false));
            cpu = new CpuAccount(parts);
            Measured measured = measure(operatorPassword);
            double loadAtEnd = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            ReportWriter.write(out, new ReportWriter.Report(date, machine + ", load average %.2f at the end".formatted(loadAtEnd), command, scale.name(), this.data, measurements,
                    measured.checks(), measured.services(), cpu.header(), cpuRows));
            say("figures written to " + out);
            if (keep) {
                holdForQueries();
            }
        } finally {
            stopAndDelete(data, logFiles);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private record Measured(List<ReportWriter.Check> checks, List<ReportWriter.Row> services) {
    }

    private Measured measure(String operatorPassword) throws Exception {
        String gateway = stack.gatewayUrl();
        Api.Clinic clinic = api.newClinic(gateway, Stack.OPERATOR_EMAIL, operatorPassword);
        Seeder.Account admin = Seeder.accountOf(this::jdbcUrl, clinic.adminEmail());
        SeedPlan plan = new SeedPlan(scale, LocalDate.now(ZoneOffset.UTC));
        say("seeding %d therapists, %d clients, %d assignments, %d entries".formatted(
                scale.therapists(), scale.clients(), scale.assignments(), scale.entries()));
        long seeding = System.nanoTime();
        new Seeder(plan, this::jdbcUrl, admin.clinicId(), admin.passwordHash()).seed();
        double seedSeconds = (System.nanoTime() - seeding) / 1e9;
        say("seeded in %.1f s".formatted(seedSeconds));
        String how = "COPY into each service's tables (%.0f s for all)".formatted(seedSeconds);
        data.add(ReportWriter.Row.of("therapists (gateway users)", String.valueOf(scale.therapists()), how));
        data.add(ReportWriter.Row.of("clients (gateway users, profiles, care-team links; replicas in 3 services)", String.valueOf(scale.clients()), how));
        data.add(ReportWriter.Row.of("assignments (assignment-service; progress and notification replicas)", String.valueOf(scale.assignments()), how));
        data.add(ReportWriter.Row.of("progress entries (progress-service)", String.valueOf(scale.entries()), how));
        data.add(ReportWriter.Row.of("clinic and its first admin", "1", "through the API"));

        Map<String, Long> rssIdle = rss();

        SeedPlan.Person therapist = plan.therapists().get(0);
        String therapistToken = api.login(gateway, therapist.email(), Api.PASSWORD);
        List<SeedPlan.Client> signedIn = plan.clients().subList(0, scale.signedInClients());
        Map<UUID, String> tokens = new HashMap<>();
        for (SeedPlan.Client client : signedIn) {
            tokens.put(client.id(), api.login(gateway, client.email(), Api.PASSWORD));
        }
        data.add(ReportWriter.Row.of("sessions (logins through the API)", String.valueOf(signedIn.size() + 1), "POST /api/v1/auth/login"));
        say("signed in %d clients and a therapist with %d clients".formatted(signedIn.size(), plan.caseload(therapist).size()));

        if (only == Only.CASELOAD) {
            return caseloadOnly(gateway, therapistToken, rssIdle);
        }
        if (only == Only.POSTS) {
            Measurement[] posts = posts(gateway, plan, signedIn, tokens);
            return new Measured(List.of(postRateCheck(posts[1]), eventCheck(posts[2])), services(rssIdle, false).rows());
        }

        // a. a client's assignments, through the gateway and straight from assignment-service
        Supplier<LoadDriver.Operation> viaGateway = roundRobin(signedIn, c -> api.getOperation(
                gateway + "/api/v1/assignments?clientId=" + c.id() + "&limit=20", tokens.get(c.id())));
        String direct = stack.url(ServiceSpec.ASSIGNMENT);
        Supplier<LoadDriver.Operation> viaService = roundRobin(signedIn, c -> api.getOperation(
                direct + "/api/v1/assignments?clientId=" + c.id() + "&limit=20", tokens.get(c.id())));
        LoadDriver.closed("warm-up", scale.concurrency(), scale.warmup(), viaGateway);
        LoadDriver.closed("warm-up", scale.concurrency(), scale.warmup(), viaService);
        Measurement aGatewaySaturated = phase(() -> LoadDriver.closed("a. GET client's assignments via gateway", scale.concurrency(), scale.phase(), viaGateway));
        Measurement aDirectSaturated = phase(() -> LoadDriver.closed("a. GET client's assignments direct to assignment-service", scale.concurrency(), scale.phase(), viaService));
        Measurement aGatewayRate = phase(() -> LoadDriver.open("a. GET client's assignments via gateway", scale.getRate(), scale.phase(), viaGateway));
        Measurement aDirectRate = phase(() -> LoadDriver.open("a. GET client's assignments direct to assignment-service", scale.getRate(), scale.phase(), viaService));

        Measurement[] c = caseload(gateway, therapistToken);
        Measurement cSaturated = c[0];
        Measurement cRate = c[1];

        // f. what the same PostgreSQL does for single rows, with the same concurrency
        Measurement[] baselines = jdbcBaselines();

        Measurement[] posts = posts(gateway, plan, signedIn, tokens);
        Measurement bSaturated = posts[0];
        Measurement bRate = posts[1];
        Measurement dLatency = posts[2];

        Services services = services(rssIdle, true);
        List<ReportWriter.Check> checks = new ArrayList<>();
        double slowestReady = services.slowestReady();
        long largestRss = services.largestRss();
        double overhead = aDirectSaturated.throughput() / aGatewaySaturated.throughput() - 1;
        checks.add(check("a. >= 2,000 rps through the gateway at saturation", rps(aGatewaySaturated), clean(aGatewaySaturated) && aGatewaySaturated.throughput() >= 2000));
        checks.add(check("a. p99 < 50 ms at " + LoadDriver.fmt(scale.getRate()) + " rps", ms(aGatewayRate.p99Millis()), clean(aGatewayRate) && aGatewayRate.p99Millis() < 50));
        checks.add(check("a. gateway overhead < 25% (direct / gateway throughput - 1)",
                "%.0f%% (p50 at fixed rate: %s vs %s)".formatted(overhead * 100, ms(aGatewayRate.p50Millis()), ms(aDirectRate.p50Millis())), overhead < 0.25));
        checks.add(check("b. >= 800 rps at saturation", rps(bSaturated), clean(bSaturated) && bSaturated.throughput() >= 800));
        checks.add(postRateCheck(bRate));
        checks.add(caseloadCheck(cRate, cSaturated));
        checks.add(eventCheck(dLatency));
        checks.add(check("e. every service ready < 2 s", "slowest %.2f s from process start to listening, restarted alone".formatted(slowestReady),
                slowestReady < 2));
        checks.add(check("e. RSS < 250 MB after load", "largest " + mb(largestRss) + " MB", largestRss > 0 && largestRss < 250 * 1024));
        checks.add(new ReportWriter.Check("f. a as a share of JDBC single-row selects",
                "%.1f%% (%s of %s)".formatted(100 * aGatewaySaturated.throughput() / baselines[0].throughput(),
                        rps(aGatewaySaturated), rps(baselines[0])), null));
        checks.add(new ReportWriter.Check("f. b as a share of JDBC single-row inserts",
                "%.1f%% (%s of %s)".formatted(100 * bSaturated.throughput() / baselines[1].throughput(), rps(bSaturated), rps(baselines[1])), null));
        return new Measured(checks, services.rows());
    }

    /**
     * b. logging progress, each post taking an open occurrence of a signed-in client's assignment, at saturation and at
     * a fixed rate; then d. from a post's answer to the therapist's inbox, at a steady rate.
     * @return b at saturation, b at the fixed rate, d
     */
    private Measurement[] posts(String gateway, SeedPlan plan, List<SeedPlan.Client> signedIn, Map<UUID, String> tokens) throws SQLException {
        // b. logging progress: each post takes an open occurrence of a signed-in client's assignment
        PostSlots slots = new PostSlots(api, plan, signedIn, tokens);
        Map<UUID, Instant> answered = new ConcurrentHashMap<>();
        Supplier<LoadDriver.Operation> post = () -> slots.next(gateway, answered);
        LoadDriver.closed("warm-up", scale.concurrency(), scale.warmup(), post);
        Measurement bSaturated = phase(() -> LoadDriver.closed("b. POST progress entry via gateway", scale.concurrency(), scale.phase(), post));
        Measurement bRate = phase(() -> LoadDriver.open("b. POST progress entry via gateway", scale.postRate(), scale.phase(), post));
        say("%d entries posted; waiting for their notifications".formatted(answered.size()));
        awaitNotifications(answered.size(), Duration.ofMinutes(5));

        // d. from a post's answer to the therapist's inbox, at a steady rate
        Map<UUID, Instant> eventPhase = new ConcurrentHashMap<>();
        CpuAccount.Sample beforeEvents = cpu.sample();
        phase(() -> LoadDriver.open("d. POST progress entry via gateway (event phase)", scale.eventRate(), scale.eventPhase(),
                () -> slots.next(gateway, eventPhase)));
        awaitNotifications(answered.size() + eventPhase.size(), Duration.ofMinutes(5));
        // the same posts again, counted until the last one's notification was in the inbox: each event's whole cost
        cpuRows.add(cpu.row("d. event phase, from the first POST to the last notification", eventPhase.size(), beforeEvents, cpu.sample()));
        Measurement d = record(EventLatency.measure(this::jdbcUrl, eventPhase, scale.eventRate()));

        // d at half the rate, no target: the pipeline's own latency, apart from the queueing of a saturated machine
        double halfRate = scale.eventRate() / 2;
        Map<UUID, Instant> halfRatePhase = new ConcurrentHashMap<>();
        phase(() -> LoadDriver.open("d. POST progress entry via gateway (event phase, half rate)", halfRate, scale.eventPhase(),
                () -> slots.next(gateway, halfRatePhase)));
        awaitNotifications(answered.size() + eventPhase.size() + halfRatePhase.size(), Duration.ofMinutes(5));
        record(EventLatency.measure(this::jdbcUrl, halfRatePhase, halfRate));
        return new Measurement[] {bSaturated, bRate, d};
    }

    private ReportWriter.Check postRateCheck(Measurement bRate) {
        return check("b. p99 < 100 ms at " + LoadDriver.fmt(scale.postRate()) + " rps", ms(bRate.p99Millis()), clean(bRate) && bRate.p99Millis() < 100);
    }

    private ReportWriter.Check eventCheck(Measurement dLatency) {
        return check("d. p99 < 500 ms from POST answer to inbox at " + LoadDriver.fmt(scale.eventRate()) + "/s", ms(dLatency.p99Millis()),
                clean(dLatency) && dLatency.p99Millis() < 500);
    }

    /** {@code --only caseload}: operation c alone, for working on the caseload query without the 10-minute run. */
    private Measured caseloadOnly(String gateway, String therapistToken, Map<String, Long> rssIdle) throws IOException {
        Measurement[] c = caseload(gateway, therapistToken);
        return new Measured(List.of(caseloadCheck(c[1], c[0])), services(rssIdle, false).rows());
    }

    /** c. the caseload of a therapist with clientsPerTherapist clients, all on one page: at saturation, then at a fixed rate. */
    private Measurement[] caseload(String gateway, String therapistToken) {
        Supplier<LoadDriver.Operation> caseload = () -> api.getOperation(
                gateway + "/api/v1/adherence/caseload?limit=" + scale.clientsPerTherapist(), therapistToken);
        LoadDriver.closed("warm-up", scale.concurrency(), scale.warmup(), caseload);
        Measurement saturated = phase(() -> LoadDriver.closed("c. caseload adherence (100 clients) via gateway", scale.concurrency(), scale.phase(), caseload));
        Measurement rate = phase(() -> LoadDriver.open("c. caseload adherence (100 clients) via gateway", scale.caseloadRate(), scale.phase(), caseload));
        return new Measurement[] {saturated, rate};
    }

    private ReportWriter.Check caseloadCheck(Measurement cRate, Measurement cSaturated) {
        return check("c. p95 < 100 ms (issue #5 acceptance)", "%s at %s rps; %s at saturation".formatted(
                ms(cRate.p95Millis()), LoadDriver.fmt(scale.caseloadRate()), ms(cSaturated.p95Millis())), clean(cRate) && cRate.p95Millis() < 100);
    }

    private record Services(List<ReportWriter.Row> rows, double slowestReady, long largestRss) {
    }

    /** @param restartAlone also restart each service on its own and time that start (the start-up target's figure) */
    private Services services(Map<String, Long> rssIdle, boolean restartAlone) throws IOException {
        Map<String, Long> rssLoaded = rss();
        Map<String, String> quarkusTogether = new HashMap<>();
        Map<String, Duration> listeningTogether = new HashMap<>();
        for (ServiceSpec spec : ServiceSpec.values()) {
            processes.startup(spec.module()).ifPresent(s -> quarkusTogether.put(spec.module(), "%.2f s".formatted(s.quarkusSeconds())));
            processes.startToListening(spec.module()).ifPresent(d -> listeningTogether.put(spec.module(), d));
        }
        Map<String, Duration> listeningAlone = restartAlone ? restartEachAlone() : Map.of();
        List<ReportWriter.Row> services = new ArrayList<>();
        double slowestReady = 0;
        long largestRss = 0;
        for (ServiceSpec spec : ServiceSpec.values()) {
            String module = spec.module();
            Duration alone = listeningAlone.get(module);
            slowestReady = Math.max(slowestReady, alone == null ? Double.NaN : alone.toMillis() / 1000.0);
            largestRss = Math.max(largestRss, rssLoaded.getOrDefault(module, 0L));
            services.add(ReportWriter.Row.of(module, quarkusTogether.getOrDefault(module, "-"), seconds(listeningTogether.get(module)),
                    seconds(alone), mb(rssIdle.get(module)), mb(rssLoaded.get(module))));
        }
        return new Services(services, slowestReady, largestRss);
    }

    /**
     * At first start the three services start together on the same cores as PostgreSQL and Kafka, which measures the
     * contention more than the service; each one is also restarted on its own, after the load, gateway first.
     */
    private Map<String, Duration> restartEachAlone() throws IOException {
        Map<String, Duration> alone = new HashMap<>();
        for (ServiceSpec spec : ServiceSpec.values()) {
            processes.forget(spec.module());
            stack.stop(spec, 0);
            stack.start(spec, 0);
            processes.startToListening(spec.module()).ifPresent(d -> alone.put(spec.module(), d));
            say("%s restarted alone: %s from process start to listening".formatted(spec.module(), seconds(alone.get(spec.module()))));
        }
        return alone;
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : "%.2f s".formatted(duration.toMillis() / 1000.0);
    }

    /** {@code --keep}: the platform stays up for ad-hoc queries (EXPLAIN, psql) until the process is stopped. */
    private void holdForQueries() throws InterruptedException {
        for (String database : List.of("gateway", "assignment", "progress", "notification")) {
            say("%s: %s (user postgres)".formatted(database, jdbcUrl(database)));
        }
        say("the platform keeps running (gateway " + stack.gatewayUrl() + "); stop with Ctrl-C");
        Thread.currentThread().join();
    }

    private Measurement[] jdbcBaselines() throws SQLException {
        stack.postgres().ensureDatabase("benchmark");
        String url = jdbcUrl("benchmark");
        int rows = 100_000;
        try (Connection db = Seeder.connect(url); Statement statement = db.createStatement()) {
            statement.execute("create table if not exists bench_row (id bigint primary key, payload varchar(200) not null)");
            statement.execute("create table if not exists bench_insert (id uuid primary key, payload varchar(200) not null, created_at timestamptz not null)");
            statement.execute("insert into bench_row select g, md5(g::text) from generate_series(1, " + rows + ") g on conflict do nothing");
            statement.execute("analyze bench_row");
        }
        List<Connection> connections = new ArrayList<>();
        ThreadLocal<Connection> connection = ThreadLocal.withInitial(() -> {
            try {
                Connection c = Seeder.connect(url);
                synchronized (connections) {
                    connections.add(c);
                }
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Supplier<LoadDriver.BlockingOperation> select = () -> () -> {
                try (PreparedStatement query = connection.get().prepareStatement("select id, payload from bench_row where id = ?")) {
                    query.setLong(1, 1 + ThreadLocalRandom.current().nextInt(rows));
                    try (ResultSet rs = query.executeQuery()) {
                        return rs.next();
                    }
                }
            };
            Supplier<LoadDriver.BlockingOperation> insert = () -> () -> {
                try (PreparedStatement update = connection.get().prepareStatement(
                        "insert into bench_insert (id, payload, created_at) values (?, ?, now())")) {
                    update.setObject(1, UUID.randomUUID());
                    update.setString(2, "a single row, committed on its own");
                    return update.executeUpdate() == 1;
                }
            };
            LoadDriver.closedBlocking("warm-up", scale.concurrency(), scale.warmup(), select);
            Measurement selects = phase(() -> LoadDriver.closedBlocking("f. JDBC single-row select (same PostgreSQL)", scale.concurrency(), scale.phase(), select));
            Measurement inserts = phase(() -> LoadDriver.closedBlocking("f. JDBC single-row insert, autocommit (same PostgreSQL)", scale.concurrency(), scale.phase(), insert));
            return new Measurement[] {selects, inserts};
        } finally {
            for (Connection c : connections) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing after the phase
                }
            }
        }
    }

    /** Waits until notification-service has written a progress.recorded notification for every non-skipped post. */
    private void awaitNotifications(int expected, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            try (Connection db = Seeder.connect(jdbcUrl("notification")); Statement statement = db.createStatement();
                 ResultSet rs = statement.executeQuery("select count(*) from notification where kind = 'progress.recorded'")) {
                rs.next();
                count = rs.getLong(1);
            }
            if (count >= expected) {
                return;
            }
            pause(Duration.ofMillis(200));
        }
        say("only %d of %d notifications arrived within %d s".formatted(count, expected, timeout.toSeconds()));
    }

    /** Runs a load phase, and records its latencies and where its CPU went. */
    private Measurement phase(Supplier<Measurement> load) {
        CpuAccount.Sample before = cpu.sample();
        Measurement measurement = load.get();
        cpuRows.add(cpu.row(measurement.name() + " (" + measurement.model() + ")", measurement.ok() + measurement.errors(), before, cpu.sample()));
        return record(measurement);
    }

    private Measurement record(Measurement measurement) {
        measurements.add(measurement);
        say("%-60s %-14s %8.1f/s p50 %6.1f p99 %7.1f max %7.1f ms, %d errors".formatted(measurement.name(), measurement.model(),
                measurement.throughput(), measurement.p50Millis(), measurement.p99Millis(), measurement.maxMillis(), measurement.errors()));
        return measurement;
    }

    private static <T> Supplier<LoadDriver.Operation> roundRobin(List<T> items, java.util.function.Function<T, LoadDriver.Operation> operation) {
        List<LoadDriver.Operation> operations = items.stream().map(operation).toList();
        AtomicInteger next = new AtomicInteger();
        return () -> operations.get(Math.floorMod(next.getAndIncrement(), operations.size()));
    }

    private Map<String, Long> rss() {
        Map<String, Long> rss = new HashMap<>();
        for (ServiceSpec spec : ServiceSpec.values()) {
            processes.rssKiB(spec.module()).ifPresent(kib -> rss.put(spec.module(), kib));
        }
        return rss;
    }

    String jdbcUrl(String database) {
        return stack.postgres().jdbcUrl(database);
    }

    private synchronized void stopAndDelete(Path data, Map<String, PrintWriter> logFiles) {
        if (stack != null) {
            say("stopping the platform");
            stack.close();
            stack = null;
        }
        logFiles.values().forEach(PrintWriter::close);
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                say("could not delete " + data + ": " + e.getMessage());
            }
        }
    }

    private static String machine() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String cpu = "";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> ", " + l.substring(l.indexOf(':') + 1).strip()).orElse("");
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        return "%d cores%s, %.1f GiB memory, load average %.2f at start, Java %s, %s".formatted(
                Runtime.getRuntime().availableProcessors(), cpu, os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                os.getSystemLoadAverage(), System.getProperty("java.version"), System.getProperty("os.name"));
    }

    /** A phase whose every request succeeded; a target is not met by failing fast. */
    private static boolean clean(Measurement m) {
        return m.ok() > 0 && m.errors() == 0;
    }

    private static ReportWriter.Check check(String target, String measured, boolean met) {
        return new ReportWriter.Check(target, measured, met);
    }

    private static String rps(Measurement m) {
        return "%.0f/s".formatted(m.throughput());
    }

    private static String ms(double millis) {
        return ReportWriter.num(millis) + " ms";
    }

    private static String mb(Long kib) {
        return kib == null || kib == 0 ? "-" : String.valueOf(kib / 1024);
    }

    private static void say(String line) {
        System.out.printf(Locale.ROOT, "[bench] %s%n", line);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PrintWriter writer(Path file) {
        try {
            return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
