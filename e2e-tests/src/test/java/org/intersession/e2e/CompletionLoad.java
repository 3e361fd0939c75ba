package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.intersession.launcher.ServiceSpec;
import org.intersession.platform.event.progress.ProgressRecorded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Many completed homework entries, and the notifications they cause, counted through the public API only. One
 * therapist who wants to hear of each completion, and a few clients, each with an assignment due every half hour
 * for the past days, so that every write is a new entry for a distinct occurrence. Writes go to every gateway
 * instance in turn; the effect counted is the therapist's "progress.recorded" notifications, one per entry: the
 * notification table is unique per (recipient, kind, source event) and each entry has exactly one recorded event,
 * so N such notifications for N entries means each entry had exactly one.
 */
final class CompletionLoad {

    static final String COMPLETION_KIND = "progress.recorded";
    private static final int SLOTS_PER_DAY = 48;
    private static final DateTimeFormatter KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** The outcome of a burst of writes: status counts and the slowest answer. */
    record Burst(int sent, Map<Integer, Integer> statuses, long maxMillis, long elapsedMillis) {

        int answered(int status) {
            return statuses.getOrDefault(status, 0);
        }

        int successes() {
            return statuses.entrySet().stream().filter(e -> e.getKey() / 100 == 2).mapToInt(Map.Entry::getValue).sum();
        }
    }

    private record Writer(ClinicApi.Person client, String assignmentId, LocalDateTime firstSlot, AtomicInteger nextSlot) {
    }

    private final ClinicApi clinic;
    private final ClinicApi.Person therapist;
    private final List<Writer> writers;
    private final List<String> gateways;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger created = new AtomicInteger();

    private CompletionLoad(FaultStack platform, ClinicApi clinic, ClinicApi.Person therapist, List<Writer> writers) {
        this.clinic = clinic;
        this.therapist = therapist;
        this.writers = writers;
        this.gateways = platform.stack().urls(ServiceSpec.GATEWAY);
    }

    /** A new clinic with one therapist and {@code clients} clients, each able to log {@code entriesPerClient} entries. */
    static CompletionLoad prepare(FaultStack platform, int clients, int entriesPerClient) {
        ClinicApi clinic = platform.newClinic();
        ClinicApi.Person therapist = clinic.therapist();
        clinic.as(therapist).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP"), "completionDelivery", "EACH"))
                .when().put("/api/v1/notification-preferences").then().statusCode(200);
        int days = entriesPerClient / SLOTS_PER_DAY + 2;
        LocalDateTime firstSlot = LocalDate.now(ZoneOffset.UTC).minusDays(days).atStartOfDay();
        String everyHalfHour = "FREQ=DAILY;BYHOUR=" + String.join(",", IntStream.range(0, 24).mapToObj(String::valueOf).toList())
                + ";BYMINUTE=0,30";
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ClinicApi.Person client = clinic.client("UTC");
            clinic.link(client, therapist);
            // assignment-service learns of the care team from the gateway's events
            String assignmentId = await().atMost(Duration.ofSeconds(60)).until(() -> clinic.as(therapist).contentType(ContentType.JSON)
                            .body(Map.of("clientId", client.id(), "title", "Breathing practice",
                                    "rationale", "Slow breathing lowers arousal before it builds.",
                                    "schedule", Map.of("type", "RECURRING", "start", KEY.format(firstSlot), "rrule", everyHalfHour),
                                    "reminderPolicy", Map.of("enabled", false, "minutesBefore", 60, "maxPerDay", 3)))
                            .when().post("/api/v1/assignments").then().extract(),
                    response -> response.statusCode() == 201).path("id");
            writers.add(new Writer(client, assignmentId, firstSlot, new AtomicInteger()));
        }
        return new CompletionLoad(platform, clinic, therapist, writers);
    }

    /** Waits until progress-service knows every assignment, by logging one entry for each (counted as writes). */
    int awaitWritable() {
        for (Writer writer : writers) {
            int slot = writer.nextSlot().getAndIncrement();
            UUID id = UUID.randomUUID();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                int status = post(gateways.get(0), writer, id, slot);
                if (status == 409 || status == 404) {
                    return false; // the assignment has not reached progress-service yet
                }
                if (status != 201 && status != 200) {
                    throw new AssertionError("first entry answered " + status);
                }
                return true;
            });
            created.incrementAndGet();
        }
        return writers.size();
    }

    /** Sends {@code count} new entries with {@code threads} callers, spread over the clients and gateway instances. */
    Burst write(int count, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger slowest = new AtomicInteger();
        long started = System.nanoTime();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Writer writer = writers.get(i % writers.size());
                String gateway = gateways.get(i % gateways.size());
                calls.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    int status = post(gateway, writer, UUID.randomUUID(), writer.nextSlot().getAndIncrement());
                    slowest.accumulateAndGet((int) ((System.nanoTime() - t0) / 1_000_000), Math::max);
                    statuses.merge(status, 1, Integer::sum);
                    if (status == 201) {
                        created.incrementAndGet();
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(2, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            throw new AssertionError("a write did not complete", e);
        } finally {
            pool.shutdownNow();
        }
        return new Burst(count, Map.copyOf(statuses), slowest.get(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Entries the platform answered 201 Created for, the warm-up ones included. */
    int entriesCreated() {
        return created.get();
    }

    ClinicApi clinic() {
        return clinic;
    }

    ClinicApi.Person therapist() {
        return therapist;
    }

    /** The clinic's id, as the gateway wrote it into the therapist's token (the "clinic" claim). */
    UUID clinicId() {
        String claims = new String(Base64.getUrlDecoder().decode(therapist.token().split("\\.")[1]), StandardCharsets.UTF_8);
        return UUID.fromString(JsonPath.from(claims).getString("clinic"));
    }

    /**
     * The progress-recorded event progress-service would publish for a new entry of the first client, for the next
     * free occurrence; no entry is written. Its completion notification counts like a written entry's.
     */
    ProgressRecorded nextRecorded(UUID clinicId) {
        Writer writer = writers.get(0);
        String occurrence = KEY.format(writer.firstSlot().plusMinutes(30L * writer.nextSlot().getAndIncrement()));
        return new ProgressRecorded(UUID.randomUUID(), UUID.fromString(writer.assignmentId()), clinicId, writer.client().id(),
                therapist.id(), occurrence, "DONE", false, OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** The therapist's whole inbox, page by page, counted by kind. */
    Map<String, Integer> therapistInboxByKind() {
        return inboxByKind(clinic, therapist);
    }

    int completionNotifications() {
        return therapistInboxByKind().getOrDefault(COMPLETION_KIND, 0);
    }

    static Map<String, Integer> inboxByKind(ClinicApi clinic, ClinicApi.Person person) {
        Map<String, Integer> kinds = new HashMap<>();
        String cursor = null;
        do {
            var request = clinic.as(person).queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
            for (String kind : page.<String>getList("items.kind")) {
                kinds.merge(kind, 1, Integer::sum);
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return kinds;
    }

    private int post(String gateway, Writer writer, UUID id, int slot) {
        String occurrence = KEY.format(writer.firstSlot().plusMinutes(30L * slot));
        String body = "{\"id\":\"" + id + "\",\"assignmentId\":\"" + writer.assignmentId() + "\",\"status\":\"DONE\","
                + "\"occurrenceKey\":\"" + occurrence + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/progress-entries"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + writer.client().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
