package org.intersession.e2e;

import org.intersession.client.ApiClient;
import org.intersession.client.ApiException;
import org.intersession.client.ApiResponse;
import org.intersession.client.api.AdherenceApi;
import org.intersession.client.api.AssignmentsApi;
import org.intersession.client.api.AuthenticationApi;
import org.intersession.client.api.ProgressEntriesApi;
import org.intersession.client.model.Adherence;
import org.intersession.client.model.AssignmentPatch;
import org.intersession.client.model.AssignmentStatus;
import org.intersession.client.model.AssignmentView;
import org.intersession.client.model.EntryStatus;
import org.intersession.client.model.Login;
import org.intersession.client.model.NewAssignment;
import org.intersession.client.model.NewProgressEntry;
import org.intersession.client.model.ProgressEntryView;
import org.intersession.client.model.Schedule;
import org.intersession.client.model.ScheduleType;
import org.intersession.client.model.TokenResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clinic developer's first homework week through a Java client generated from docs/openapi.json by
 * openapi-generator (e2e-tests/pom.xml), and nothing else: if the document misnames an operation, a field or an
 * answer, this does not compile or fails here.
 */
class ClientSdkIT {

    private static final String ZONE = "Europe/Berlin";

    @Test
    void aGeneratedJavaClientLogsInAssignsResendsAfterALostAnswerLogsProgressAndReadsAdherence() throws Exception {
        RunningStack platform = RunningStack.get();
        ClinicApi clinic = ClinicApi.newClinic(platform);
        ClinicApi.Person therapist = clinic.therapist();
        ClinicApi.Person client = clinic.client(ZONE);
        clinic.link(client, therapist);

        TokenResponse login = new AuthenticationApi(anonymous(platform))
                .login(new Login().email(therapist.email()).password(ClinicApi.PASSWORD));
        assertEquals("Bearer", login.getTokenType());
        ApiClient asTherapist = bearer(platform, login.getAccessToken());
        ApiClient asClient = bearer(platform, client.token());

        LocalDate start = LocalDate.now(ZoneId.of(ZONE)).minusDays(2);
        NewAssignment homework = new NewAssignment().clientId(client.id()).title("Daily thought record")
                .rationale("Catching automatic thoughts is the first step to testing them.")
                .schedule(new Schedule().type(ScheduleType.RECURRING).start(start + "T20:00").rrule("FREQ=DAILY"));
        String idempotencyKey = UUID.randomUUID().toString();
        // the care team reaches assignment-service as an event: until then the client is a 404
        ApiResponse<AssignmentView> created = untilAccepted(() ->
                new AssignmentsApi(asTherapist).createAssignmentWithHttpInfo(homework, idempotencyKey));
        AssignmentView assigned = created.getData();
        assertEquals(AssignmentStatus.ASSIGNED, assigned.getStatus());
        assertEquals(ZONE, assigned.getTimeZone());

        // the answer was lost on the way: the app sends the same create again, with the same key
        ApiResponse<AssignmentView> resent = new AssignmentsApi(asTherapist).createAssignmentWithHttpInfo(homework, idempotencyKey);
        assertEquals(201, resent.getStatusCode());
        assertEquals(List.of("true"), resent.getHeaders().get("idempotent-replayed"));
        assertEquals(created.getHeaders().get("location"), resent.getHeaders().get("location"));
        assertEquals(assigned.getId(), resent.getData().getId());
        ApiException reused = assertThrows(ApiException.class, () -> new AssignmentsApi(asTherapist)
                .createAssignment(homework.title("Another homework"), idempotencyKey));
        assertEquals(422, reused.getCode());
        homework.title("Daily thought record");

        // a change made from a stale copy is refused, not lost
        String stale = created.getHeaders().get("etag").get(0);
        AssignmentView renamed = new AssignmentsApi(asTherapist).updateAssignment(assigned.getId(), stale,
                new AssignmentPatch().title("Daily thought record, evenings"));
        assertEquals("Daily thought record, evenings", renamed.getTitle());
        ApiException refused = assertThrows(ApiException.class, () -> new AssignmentsApi(asTherapist)
                .updateAssignment(assigned.getId(), stale, new AssignmentPatch().title("Lost change")));
        assertEquals(412, refused.getCode());
        assertEquals("Daily thought record, evenings", new AssignmentsApi(asTherapist).getAssignment(assigned.getId()).getTitle());

        AssignmentView acknowledged = new AssignmentsApi(asClient).acknowledgeAssignment(assigned.getId());
        assertEquals(AssignmentStatus.ACTIVE, acknowledged.getStatus());
        String firstOccurrence = start + "T20:00";
        NewProgressEntry entry = new NewProgressEntry().id(UUID.randomUUID()).assignmentId(assigned.getId())
                .occurrenceKey(firstOccurrence).status(EntryStatus.DONE).moodBefore(4).moodAfter(6).minutesSpent(15);
        // and the assignment reaches progress-service as an event
        ProgressEntryView logged = untilAccepted(() -> new ProgressEntriesApi(asClient).createProgressEntry(entry, UUID.randomUUID().toString()));
        assertEquals(EntryStatus.DONE, logged.getStatus());
        assertEquals(firstOccurrence, logged.getOccurrenceKey());

        Adherence adherence = new AdherenceApi(asTherapist).getAssignmentAdherence(assigned.getId(), start.toString(), null);
        assertEquals(1, adherence.getDone());
        assertTrue(adherence.getExpected() >= 1, "expected occurrences: " + adherence.getExpected());
    }

    private static ApiClient anonymous(RunningStack platform) {
        ApiClient api = new ApiClient();
        api.updateBaseUri(platform.gatewayUrl());
        return api;
    }

    private static ApiClient bearer(RunningStack platform, String token) {
        return anonymous(platform).setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    }

    /** Calls until the answer is not a 404 or 409 of an event still on its way, within a minute. */
    private static <T> T untilAccepted(Callable<T> call) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                return call.call();
            } catch (ApiException e) {
                if (Set.of(404, 409).contains(e.getCode())) {
                    return null;
                }
                throw e;
            }
        }, result -> result != null);
    }
}
