package org.intersession.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.intersession.infra.PostgresServer;
import org.intersession.launcher.ServiceSpec;
import org.intersession.launcher.Stack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL restarts under load. While it is down, every service answers at once with a 503 problem and
 * Retry-After instead of holding the request, and reports itself not ready; once it is back on the same port and
 * data, every instance is ready again without a restart, and writes, reads, the outbox relay and the consumers work.
 */
class PostgresOutageFaultIT {

    /** "Fail fast": far below the gateway's 30 s upstream timeout and any client's patience. */
    private static final Duration FAST = Duration.ofSeconds(5);
    private static final int ROUNDS = 10;

    @Test
    void requestsFailFastWith503AndEveryServiceRecoversWithoutARestart() throws IOException {
        FaultStack platform = FaultStack.get();
        Stack stack = platform.stack();
        PostgresServer postgres = stack.postgres();
        CompletionLoad load = CompletionLoad.prepare(platform, 1, 10);
        int warmUp = load.awaitWritable();
        // nothing in flight when the database goes: a consumer that meets the outage dead-letters its record
        await().atMost(Duration.ofSeconds(60)).until(() -> load.completionNotifications() == warmUp);
        ClinicApi clinic = load.clinic();
        ClinicApi.Person therapist = load.therapist();

        List<Supplier<Response>> requests = List.of(
                () -> clinic.as(therapist).queryParam("limit", 5).when().get("/api/v1/notifications"),
                () -> clinic.as(therapist).when().get("/api/v1/assignments"),
                () -> clinic.as(therapist).when().get("/api/v1/progress-entries/{id}", UUID.randomUUID()),
                () -> given().baseUri(platform.gatewayUrl()).contentType(ContentType.JSON)
                        .body(Map.of("email", therapist.email(), "password", ClinicApi.PASSWORD))
                        .when().post("/api/v1/auth/login"));

        postgres.stop();
        int sent = 0;
        int unavailable = 0;
        long slowest = 0;
        List<String> unexpected = new ArrayList<>();
        long downMillis;
        try {
            downMillis = awaitEveryInstance(stack, 503, Duration.ofSeconds(30));
            for (int round = 0; round < ROUNDS; round++) {
                // logins count against the gateway's per-address auth limit: every other round
                for (Supplier<Response> request : round % 2 == 0 ? requests : requests.subList(0, requests.size() - 1)) {
                    long t0 = System.nanoTime();
                    Response response = request.get();
                    slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                    sent++;
                    if (response.statusCode() == 503 && response.contentType().startsWith("application/problem+json")
                            && response.header("Retry-After") != null) {
                        unavailable++;
                    } else {
                        unexpected.add(response.statusCode() + " " + response.contentType() + " " + response.body().asString());
                    }
                }
            }
        } finally {
            postgres.restart();
        }
        long restarted = System.nanoTime();
        long upMillis = awaitEveryInstance(stack, 200, Duration.ofSeconds(60));

        // the same processes serve again: a write, its event through the outbox relay, and its notification
        CompletionLoad.Burst after = load.write(5, 1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> load.completionNotifications() == warmUp + 5);
        long recoveredMillis = (System.nanoTime() - restarted) / 1_000_000;

        FaultStack.report("postgres-outage", "requests", sent, "faults", 1, "answered503", unavailable,
                "max503LatencyMs", slowest, "readinessDownAfterMs", downMillis, "readinessUpAfterRestartMs", upMillis,
                "writesAfterRecovery2xx", after.successes(), "recoveredEndToEndMs", recoveredMillis,
                "lost", Math.max(0, warmUp + 5 - load.completionNotifications()),
                "duplicates", Math.max(0, load.completionNotifications() - warmUp - 5));
        assertEquals(List.of(), unexpected, "every request during the outage is a 503 problem with Retry-After");
        assertEquals(sent, unavailable);
        assertTrue(slowest < FAST.toMillis(), "the slowest 503 took " + slowest + " ms");
        assertEquals(5, after.answered(201), () -> "writes after recovery: " + after.statuses());
    }

    /**
     * Polls every instance's readiness until each answers {@code status}. @return how long that took, in ms
     */
    private static long awaitEveryInstance(Stack stack, int status, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        for (ServiceSpec service : ServiceSpec.values()) {
            for (String url : stack.urls(service)) {
                await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> http.send(
                        HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == status);
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }
}
