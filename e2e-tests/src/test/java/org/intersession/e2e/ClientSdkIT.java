package org.intersession.e2e;

import org.intersession.client.ApiClient;
import org.intersession.client.ApiException;
import org.intersession.client.api.AdherenceApi;
import org.intersession.client.api.AssignmentsApi;
import org.intersession.client.api.AuthenticationApi;
import org.intersession.client.api.ProgressEntriesApi;
import org.intersession.client.model.Adherence;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clinic developer's first homework week through a Java client generated from docs/openapi.json by
 * openapi-generator (e2e-tests/pom.xml), and nothing else: if the document misnames an operation, a field or an
 * answer, this does not compile or fails here.
 */
class ClientSdkIT {

    private static final String ZONE = "Europe/Berlin";

    @Test
    void aGeneratedJavaClientLogsInAssignsLogsProgressAndReadsAdherence() throws Exception {
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
        AssignmentView assigned = untilAccepted(() -> new AssignmentsApi(asTherapist).createAssignment(homework, idempotencyKey));
        assertEquals(AssignmentStatus.ASSIGNED, assigned.getStatus());
        assertEquals(ZONE, assigned.getTimeZone());

        AssignmentView acknowledged = new AssignmentsApi(asClient).acknowledgeAssignment(assigned.getId());
        assertEquals(AssignmentStatus.ACTIVE, acknowledged.getStatus());
        String firstOccurrence = start + "T20:00";
        NewProgressEntry entry = new NewProgressEntry().id(UUID.randomUUID()).assignmentId(assigned.getId())
                .occurrenceKey(firstOccurrence).status(EntryStatus.DONE).moodBefore(4).moodAfter(6).minutesSpent(15);
        // and the assignment reaches progress-service as an event
        ProgressEntryView logged = untilAccepted(() -> new ProgressEntriesApi(asClient).createProgressEntry(entry));
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
