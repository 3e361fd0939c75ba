package org.intersession.e2e;

import io.restassured.response.Response;
import org.intersession.e2e.PublicOperations.Operation;
import org.intersession.e2e.SecurityFixture.Actor;
import org.intersession.e2e.SecurityFixture.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OWASP API Security Top 10 (2023), API5 (function level), API1 (object level) and API3 (object property level),
 * through the gateway of the running platform. Both API5 and API1 are generated from the gateway's OpenAPI
 * document, so a new endpoint fails them until it has an expected row in role-matrix.csv and a request in
 * {@link OperationCalls}.
 */
class ApiSecurityIT {

    /** Runs last: it rotates the signing key, which every other call's token must not depend on. */
    private static final String ROTATE = "POST /api/v1/signing-keys/rotate";

    /** Clinic-wide records: anyone in the clinic who may read templates reads all of them. */
    private static final String CLINIC_WIDE = "/api/v1/templates/";

    private static SecurityFixture fixture;
    private static OperationCalls calls;
    private static List<Operation> operations;

    @BeforeAll
    static void setUp() {
        fixture = SecurityFixture.get();
        calls = new OperationCalls(fixture);
        operations = PublicOperations.of(PublicOperations.document(fixture.gateway));
    }

    @Test
    void everyDocumentedOperationAnswersEveryRoleAsTheRoleMatrixSays() {
        Map<String, Map<Actor, String>> expected = roleMatrix();
        Set<String> documented = operations.stream().map(Operation::key).collect(Collectors.toCollection(TreeSet::new));
        Set<String> undecided = new TreeSet<>(documented);
        undecided.removeAll(expected.keySet());
        Set<String> gone = new TreeSet<>(expected.keySet());
        gone.removeAll(documented);
        assertTrue(undecided.isEmpty(), "documented operations missing from role-matrix.csv (decide who may call them): " + undecided);
        assertTrue(gone.isEmpty(), "role-matrix.csv lists operations the document does not have: " + gone);

        List<String> order = new ArrayList<>(documented);
        order.sort(Comparator.comparing(ROTATE::equals));
        Map<String, Map<Actor, String>> actual = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (String operation : order) {
            Map<Actor, String> row = new EnumMap<>(Actor.class);
            for (Actor actor : Actor.values()) {
                Answer answer = calls.call(operation, actor);
                String outcome = outcome(answer.status());
                row.put(actor, outcome);
                String want = expected.get(operation).get(actor);
                if (!want.equals(outcome)) {
                    wrong.add(operation + " as " + actor.column() + ": expected " + want + ", got " + answer.status()
                            + " " + abbreviated(answer.body()));
                }
            }
            actual.put(operation, row);
        }
        writeActual(actual);
        System.out.printf("Role matrix: %d operations x %d roles = %d calls checked%n",
                order.size(), Actor.values().length, order.size() * Actor.values().length);
        assertTrue(wrong.isEmpty(), wrong.size() + " cells differ from role-matrix.csv "
                + "(actual matrix in target/role-matrix.actual.csv):\n" + String.join("\n", wrong));
    }

    @Test
    void anIdOfAnotherClinicCareTeamOrClientIsNeverFoundAndReturnsNoData() {
        List<Operation> withIds = operations.stream().filter(Operation::hasPathParameters).toList();
        assertFalse(withIds.isEmpty());
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        for (Operation operation : withIds) {
            Map<String, Answer> strangers = new LinkedHashMap<>();
            strangers.put("another clinic's admin", calls.call(operation.key(), Actor.OTHER_ADMIN));
            strangers.put("another client of the clinic", Answer.of(calls.call(operation.key(), Actor.OTHER_ADMIN,
                    fixture.as(fixture.otherClient))));
            if (!operation.path().startsWith(CLINIC_WIDE)) {
                strangers.put("a therapist outside the care team", calls.call(operation.key(), Actor.OUTSIDER));
            }
            for (Map.Entry<String, Answer> stranger : strangers.entrySet()) {
                checked++;
                Answer response = stranger.getValue();
                String body = response.body();
                boolean denied = response.status() == 404 || response.status() == 403;
                boolean problemOnly = response.contentType().startsWith("application/problem+json");
                boolean leaksData = body.contains(fixture.client.email()) || body.contains(fixture.assignmentTitle)
                        || body.contains(fixture.therapistNote) || body.contains(fixture.privateNote);
                if (!denied || !problemOnly || leaksData) {
                    leaks.add(operation.key() + " as " + stranger.getKey() + ": " + response.status() + " " + abbreviated(body));
                }
            }
        }
        System.out.printf("Object-level checks: %d operations with ids, %d stranger calls%n", withIds.size(), checked);
        assertTrue(leaks.isEmpty(), "records reached across a clinic, care team or client:\n" + String.join("\n", leaks));
    }

    /** An app holding every scope still cannot make, raise or change staff, nor see an invitation code (H1). */
    @Test
    void anAppWithEveryScopeGainsNoStaffPowerAndSeesNoInvitationCode() {
        io.restassured.specification.RequestSpecification app = fixture.as(Actor.API_ALL);
        for (String role : List.of("THERAPIST", "CLINIC_ADMIN")) {
            fixture.as(Actor.API_ALL).contentType(io.restassured.http.ContentType.JSON)
                    .body(Map.of("email", "staff-" + java.util.UUID.randomUUID() + "@clinic.test", "displayName", "Mallory", "role", role))
                    .when().post("/api/v1/users").then().statusCode(403).contentType("application/problem+json");
        }
        fixture.as(Actor.API_ALL).contentType(io.restassured.http.ContentType.JSON).body(Map.of("displayName", "Mallory"))
                .when().patch("/api/v1/users/{id}", fixture.therapist.id()).then().statusCode(403);
        fixture.as(Actor.API_ALL).when().post("/api/v1/users/{id}/deactivate", fixture.therapist.id()).then().statusCode(403);
        Response invited = app.contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("email", "app-client-" + java.util.UUID.randomUUID() + "@clinic.test", "displayName", "Robin",
                        "role", "CLIENT", "profile", Map.of("timeZone", "Europe/Berlin")))
                .when().post("/api/v1/users");
        invited.then().statusCode(201).body("invitationToken", org.hamcrest.Matchers.nullValue());
        assertFalse(invited.asString().contains("inv_"), invited.asString());
    }

    @Test
    void aClientNeverReceivesTheTherapistsReviewNotes() {
        fixture.as(fixture.therapist).when().get("/api/v1/clients/{c}/reviews", fixture.client.id())
                .then().statusCode(200).body("items.items.flatten().therapistNotes", hasItem(fixture.therapistNote));

        Response asClient = fixture.as(fixture.client).when().get("/api/v1/clients/{c}/reviews", fixture.client.id());
        asClient.then().statusCode(200).body("items.size()", org.hamcrest.Matchers.greaterThan(0));
        assertFalse(asClient.asString().contains("therapistNotes"), "a client's view has no therapistNotes property at all");
        assertFalse(asClient.asString().contains(fixture.therapistNote));
    }

    @Test
    void aTherapistSeesThatAPrivateNoteExistsButNeverItsText() {
        fixture.as(fixture.client).when().get("/api/v1/progress-entries/{id}", fixture.entryId)
                .then().statusCode(200).body("note", equalTo(fixture.privateNote));

        Response asTherapist = fixture.as(fixture.therapist).when().get("/api/v1/progress-entries/{id}", fixture.entryId);
        asTherapist.then().statusCode(200).body("hasNote", equalTo(true)).body("notePrivate", equalTo(true));
        assertFalse(asTherapist.asString().contains(fixture.privateNote));
        fixture.as(fixture.therapist).when().get("/api/v1/clients/{c}/pre-session-summary", fixture.client.id())
                .then().statusCode(200).body(not(containsString(fixture.privateNote)));
    }

    /** allow (any 2xx), or the denial's status: 401, 403, 404; anything else is shown as its status. */
    private static String outcome(int status) {
        return status >= 200 && status < 300 ? "allow" : String.valueOf(status);
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private static Map<String, Map<Actor, String>> roleMatrix() {
        Map<String, Map<Actor, String>> matrix = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                ApiSecurityIT.class.getResourceAsStream("/role-matrix.csv"), "role-matrix.csv"), StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.stream(line.split(",")).map(String::strip).toList();
                if (header == null) {
                    header = cells;
                    assertEquals(Arrays.stream(Actor.values()).map(Actor::column).toList(), header.subList(1, header.size()),
                            "role-matrix.csv columns");
                    continue;
                }
                assertEquals(header.size(), cells.size(), "cells in row " + cells.get(0));
                Map<Actor, String> row = new EnumMap<>(Actor.class);
                for (Actor actor : Actor.values()) {
                    row.put(actor, cells.get(actor.ordinal() + 1));
                }
                assertTrue(matrix.put(cells.get(0), row) == null, "listed twice: " + cells.get(0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matrix;
    }

    private static void writeActual(Map<String, Map<Actor, String>> actual) {
        StringBuilder csv = new StringBuilder("operation," + Arrays.stream(Actor.values()).map(Actor::column)
                .collect(Collectors.joining(",")) + "\n");
        actual.forEach((operation, row) -> csv.append(operation).append(',')
                .append(row.values().stream().collect(Collectors.joining(","))).append('\n'));
        try {
            Path target = Path.of(System.getProperty("intersession.home", ".."), "e2e-tests", "target");
            Files.createDirectories(target);
            Files.writeString(target.resolve("role-matrix.actual.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
