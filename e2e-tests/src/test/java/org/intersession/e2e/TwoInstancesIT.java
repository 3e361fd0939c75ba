package org.intersession.e2e;

import io.restassured.http.ContentType;
import org.intersession.launcher.ServiceSpec;
import org.intersession.testing.SseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stack of its own with two instances of every service, started once for both tests: the gateway spreads requests
 * over both instances, both consume the events, and still every notification arrives exactly once; and a notification
 * written by either notification-service instance reaches live streams open on both, and through the gateway.
 */
class TwoInstancesIT {

    private static final String STREAM = "/api/v1/notifications/stream";

    private static RunningStack platform;

    @BeforeAll
    static void startTwoOfEach() {
        platform = RunningStack.withInstances(2);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aHomeworkWeekWithTwoInstancesOfEveryServiceNotifiesExactlyOnce() {
        new HomeworkWeek(platform).run();
    }

    /**
     * Two instances of notification-service share one database; only one of them consumes the client's partition and
     * writes the notification, yet a stream open on either instance, and one through the gateway, receives it live.
     */
    @Test
    void aNotificationReachesStreamsOnEveryInstanceWhicheverInstanceWroteIt() throws Exception {
        List<SseClient> streams = new ArrayList<>();
        try {
            ClinicApi clinic = ClinicApi.newClinic(platform.gatewayUrl(), RunningStack.OPERATOR_PASSWORD);
            ClinicApi.Person therapist = clinic.therapist();
            ClinicApi.Person client = clinic.client("Europe/Berlin");
            clinic.link(client, therapist);

            for (int instance = 0; instance < 2; instance++) {
                streams.add(SseClient.open(URI.create(platform.stack().url(ServiceSpec.NOTIFICATION, instance) + STREAM), client.token(), null));
            }
            streams.add(SseClient.open(URI.create(platform.gatewayUrl() + STREAM), client.token(), null));
            for (SseClient stream : streams) {
                assertEquals(200, stream.status());
                assertEquals("open", stream.nextComment(Duration.ofSeconds(10)));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> clinic.as(therapist).contentType(ContentType.JSON)
                    .body(Map.of("clientId", client.id(), "title", "Breathing practice",
                            "instructions", "Breathe in for four, out for six.", "rationale", "Slow breathing calms the body.",
                            "schedule", Map.of("type", "RECURRING", "start", LocalDate.now(ZoneId.of("Europe/Berlin")) + "T20:00",
                                    "rrule", "FREQ=DAILY")))
                    .when().post("/api/v1/assignments").then().extract().statusCode() == 201);

            for (SseClient stream : streams) {
                SseClient.Event event = stream.nextEvent(Duration.ofSeconds(60));
                assertNotNull(event, "every stream received the notification");
                assertEquals("notification", event.name());
                assertTrue(event.data().contains("\"title\":\"New homework: Breathing practice\""), event.data());
            }
        } finally {
            for (SseClient stream : streams) {
                stream.close();
            }
        }
    }
}
