package org.intersession.assignment.access;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.intersession.assignment.AssignmentFixture;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every endpoint that takes an id, against every kind of outsider: another client of the clinic, a therapist
 * outside the care team, and another clinic's admin. None may learn that the resource exists (404); roles that may
 * not call an operation at all get 403 before anything is looked up.
 */
@QuarkusTest
class AssignmentAccessTest {

    @Inject
    IdentityReplica identity;

    @Test
    void outsidersFindNothingAndWrongRolesAreForbidden() {
        AssignmentFixture f = new AssignmentFixture(identity);
        String id = f.create(f.dailyThoughtRecord());

        Map<String, String> outsiders = new LinkedHashMap<>();
        outsiders.put("another client", TestTokens.client(f.clinic, UUID.randomUUID()));
        outsiders.put("a therapist outside the care team", TestTokens.therapist(f.clinic, UUID.randomUUID()));
        outsiders.put("another clinic's admin", TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()));
        outsiders.put("another clinic's therapist", TestTokens.therapist(UUID.randomUUID(), f.therapist));

        record Call(String method, String path, Object body, Map<String, Integer> expected) {
        }
        Map<String, Object> review = Map.of("clientId", f.client, "sessionDate", "2026-12-03", "items", List.of(Map.of(
                "assignmentId", id, "quantity", 2, "quality", 2, "helped", "YES", "decision", "CONTINUE")));
        List<Call> calls = List.of(
                new Call("GET", "/api/v1/assignments/" + id, null, Map.of()),
                new Call("PATCH", "/api/v1/assignments/" + id, Map.of("title", "x"),
                        Map.of("another client", 403, "another clinic's admin", 403)),
                new Call("POST", "/api/v1/assignments/" + id + "/acknowledge", null,
                        Map.of("a therapist outside the care team", 403, "another clinic's admin", 403, "another clinic's therapist", 403)),
                new Call("POST", "/api/v1/assignments/" + id + "/pause", null, Map.of("another client", 403, "another clinic's admin", 403)),
                new Call("POST", "/api/v1/assignments/" + id + "/resume", null, Map.of("another client", 403, "another clinic's admin", 403)),
                new Call("POST", "/api/v1/assignments/" + id + "/cancel", null, Map.of("another client", 403, "another clinic's admin", 403)),
                new Call("POST", "/api/v1/assignments/" + id + "/complete", null, Map.of("another client", 403, "another clinic's admin", 403)),
                new Call("GET", "/api/v1/clients/" + f.client + "/reviews", null, Map.of()),
                new Call("POST", "/api/v1/reviews", review, Map.of("another client", 403, "another clinic's admin", 403)));

        List<String> mismatches = new ArrayList<>();
        for (Call call : calls) {
            outsiders.forEach((who, token) -> {
                RequestSpecification request = given().auth().oauth2(token).header("If-Match", "\"0\"");
                if (call.body() != null) {
                    request = request.contentType(ContentType.JSON).body(call.body());
                }
                int expected = call.expected().getOrDefault(who, 404);
                int actual = request.request(call.method(), call.path()).statusCode();
                if (actual != expected) {
                    mismatches.add(call.method() + " " + call.path() + " as " + who + ": expected " + expected + ", got " + actual);
                }
            });
        }
        assertEquals(List.of(), mismatches);

        // and nothing changed
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/assignments/" + id)
                .then().statusCode(200).header("ETag", "\"0\"");
    }
}
