package org.intersession.notification.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.platform.event.EventCodec;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.intersession.platform.event.progress.ProgressFlagged;
import org.intersession.platform.event.progress.ProgressRecorded;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@SuppressWarnings("unchecked")
class WebhookEndpointResourceTest {

    private static final String PATH = "/api/v1/webhook-endpoints";
    private static final String TYPES = "/api/v1/webhook-event-types";
    /** Allowlisted in the test profile; nothing needs to listen for registration. */
    private static final String RECEIVER = "http://127.0.0.2:9/hooks";

    @Inject
    EventCodec codec;

    private final UUID clinic = UUID.randomUUID();
    private final String admin = TestTokens.clinicAdmin(clinic, UUID.randomUUID());

    @Test
    void anAdminRegistersReadsChangesAndDeletesAnEndpointAndSeesTheSecretOnlyOnce() {
        ValidatableResponse created = register(admin, Map.of("url", RECEIVER, "eventTypes", List.of(ProgressFlagged.TYPE),
                "description", "Clinic EHR"))
                .statusCode(201)
                .body("url", equalTo(RECEIVER))
                .body("eventTypes", equalTo(List.of(ProgressFlagged.TYPE)))
                .body("description", equalTo("Clinic EHR"))
                .body("enabled", equalTo(true))
                .body("disabledReason", nullValue())
                .body("createdAt", notNullValue())
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]+={0,2}"));
        String id = created.extract().path("id");
        String secret = created.extract().path("secret");
        int keyBytes = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
        assertEquals(true, keyBytes >= 24 && keyBytes <= 32, "secret of " + keyBytes + " bytes");
        created.header("Location", endsWith(PATH + "/" + id));

        String etag = given().auth().oauth2(admin).when().get(PATH + "/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("$", not(hasKey("secret"))).extract().header("ETag");
        given().auth().oauth2(admin).when().get(PATH)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0]", not(hasKey("secret")));

        etag = given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("eventTypes", List.of(ProgressRecorded.TYPE, ProgressFlagged.TYPE), "enabled", false))
                .when().patch(PATH + "/{id}", id)
                .then().statusCode(200)
                .body("eventTypes", equalTo(List.of(ProgressRecorded.TYPE, ProgressFlagged.TYPE)))
                .body("description", equalTo("Clinic EHR"))
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("disabled by the clinic")).extract().header("ETag");
        etag = given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(Map.of("enabled", true))
                .when().patch(PATH + "/{id}", id)
                .then().statusCode(200).body("enabled", equalTo(true)).body("disabledReason", nullValue()).extract().header("ETag");

        given().auth().oauth2(admin).header("If-Match", etag).when().delete(PATH + "/{id}", id).then().statusCode(204);
        given().auth().oauth2(admin).when().get(PATH + "/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aChangeOrDeleteNeedsTheETagOfTheCurrentEndpoint() {
        var created = register(admin, endpoint()).statusCode(201).header("ETag", notNullValue()).extract();
        String id = created.path("id");
        String first = created.header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("description", "No precondition"))
                .when().patch(PATH + "/{id}", id).then().statusCode(428).contentType("application/problem+json")
                .body("errors.field", hasItem("If-Match"));
        String second = given().auth().oauth2(admin).header("If-Match", first).contentType(ContentType.JSON)
                .body(Map.of("description", "Renamed")).when().patch(PATH + "/{id}", id)
                .then().statusCode(200).body("description", equalTo("Renamed")).extract().header("ETag");
        given().auth().oauth2(admin).header("If-Match", first).contentType(ContentType.JSON).body(Map.of("description", "Lost"))
                .when().patch(PATH + "/{id}", id).then().statusCode(412).contentType("application/problem+json")
                .body("errors.field", hasItem("If-Match"));
        given().auth().oauth2(admin).when().delete(PATH + "/{id}", id).then().statusCode(428);
        given().auth().oauth2(admin).header("If-Match", first).when().delete(PATH + "/{id}", id).then().statusCode(412);
        given().auth().oauth2(admin).when().get(PATH + "/{id}", id).then().statusCode(200)
                .header("ETag", second).body("description", equalTo("Renamed"));
        given().auth().oauth2(admin).header("If-Match", second).when().delete(PATH + "/{id}", id).then().statusCode(204);
    }

    @Test
    void aRegistrationResentWithItsIdempotencyKeyIsNotMadeTwiceAndItsSecretIsNotRepeated() {
        String key = "webhook-" + UUID.randomUUID();
        String location = given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON).body(endpoint())
                .when().post(PATH).then().statusCode(201).extract().header("Location");
        given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON).body(endpoint())
                .when().post(PATH).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(location)).body("$", not(hasKey("secret")));
        given().auth().oauth2(admin).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Map.of("url", RECEIVER, "eventTypes", List.of(ProgressRecorded.TYPE)))
                .when().post(PATH).then().statusCode(422).body("errors.field", hasItem("Idempotency-Key"));
        given().auth().oauth2(admin).when().get(PATH).then().statusCode(200).body("items", hasSize(1));
        // a key belongs to its caller: another admin of the clinic registers with the same key
        given().auth().oauth2(TestTokens.clinicAdmin(clinic, UUID.randomUUID())).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(endpoint()).when().post(PATH).then().statusCode(201);
        given().auth().oauth2(admin).when().get(PATH).then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void anApiClientNeedsTheWebhooksWriteScope() {
        String withScope = TestTokens.sign(TestTokens.claims(UUID.randomUUID()).claim("clinic", clinic.toString())
                .claim("scope", "webhooks:write"));
        String withoutScope = TestTokens.sign(TestTokens.claims(UUID.randomUUID()).claim("clinic", clinic.toString())
                .claim("scope", "assignments:read progress:read"));

        String id = register(withScope, endpoint()).statusCode(201).extract().path("id");
        given().auth().oauth2(withScope).when().get(PATH + "/{id}", id).then().statusCode(200);
        given().auth().oauth2(withoutScope).when().get(PATH + "/{id}", id)
                .then().statusCode(403).contentType("application/problem+json");
        register(withoutScope, endpoint()).statusCode(403);
    }

    @Test
    void therapistsAndClientsMayNotTouchWebhooks() {
        String id = register(admin, endpoint()).statusCode(201).extract().path("id");
        for (String token : List.of(TestTokens.therapist(clinic, UUID.randomUUID()), TestTokens.client(clinic, UUID.randomUUID()))) {
            register(token, endpoint()).statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).when().get(PATH).then().statusCode(403);
            given().auth().oauth2(token).when().get(PATH + "/{id}", id).then().statusCode(403);
            given().auth().oauth2(token).when().delete(PATH + "/{id}", id).then().statusCode(403);
            given().auth().oauth2(token).when().post(PATH + "/{id}/secret-rotations", id).then().statusCode(403);
        }
        given().when().get(PATH).then().statusCode(401);
    }

    @Test
    void anotherClinicsEndpointDoesNotExistForTheCaller() {
        String id = register(admin, endpoint()).statusCode(201).extract().path("id");
        String otherAdmin = TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID());

        given().auth().oauth2(otherAdmin).when().get(PATH + "/{id}", id)
                .then().statusCode(404).contentType("application/problem+json").body("detail", equalTo("Webhook endpoint not found"));
        given().auth().oauth2(otherAdmin).contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().patch(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().post(PATH + "/{id}/secret-rotations", id).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().get(PATH + "/{id}/deliveries", id).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().post(PATH + "/{id}/deliveries/{d}/replays", id, UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().delete(PATH + "/{id}", id).then().statusCode(404);
        given().auth().oauth2(otherAdmin).when().get(PATH).then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(admin).when().get(PATH + "/{id}", id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void limitsAreRefusedNamingTheField() {
        String longUrl = "http://127.0.0.2/" + "a".repeat(2048);
        register(admin, Map.of("url", longUrl, "eventTypes", List.of(ProgressFlagged.TYPE)))
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("url"));
        register(admin, Map.of("url", RECEIVER, "eventTypes", List.of()))
                .statusCode(400).body("errors.field", hasItem("eventTypes"));
        register(admin, Map.of("url", RECEIVER, "eventTypes", Collections.nCopies(51, ProgressFlagged.TYPE)))
                .statusCode(400).body("errors.field", hasItem("eventTypes"));
        register(admin, Map.of("url", RECEIVER, "eventTypes", List.of("org.intersession.identity.invitation.created.v1")))
                .statusCode(400).body("errors.field", hasItem("eventTypes"))
                .body("errors[0].message", containsString("org.intersession.identity.invitation.created.v1"));
        register(admin, Map.of("url", RECEIVER, "eventTypes", List.of(ProgressFlagged.TYPE), "description", "d".repeat(501)))
                .statusCode(400).body("errors.field", hasItem("description"));
        register(admin, Map.of("eventTypes", List.of(ProgressFlagged.TYPE)))
                .statusCode(400).body("errors.field", hasItem("url"));
        given().auth().oauth2(admin).queryParam("limit", 101).when().get(PATH)
                .then().statusCode(400).body("errors.field", hasItem("limit"));
    }

    @Test
    void aClinicMayRegisterOnlyAsManyEndpointsAsTheCapAllows() {
        for (int i = 0; i < 10; i++) {
            register(admin, endpoint()).statusCode(201);
        }
        register(admin, endpoint()).statusCode(409).contentType("application/problem+json")
                .body("detail", allOf(containsString("10 webhook endpoints"), containsString("delete one")));
        // the cap is per clinic
        register(TestTokens.clinicAdmin(UUID.randomUUID(), UUID.randomUUID()), endpoint()).statusCode(201);
    }

    @Test
    void theListPagesWithACursor() {
        for (int i = 0; i < 3; i++) {
            register(admin, endpoint()).statusCode(201);
        }
        String cursor = given().auth().oauth2(admin).queryParam("limit", 2).when().get(PATH)
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        given().auth().oauth2(admin).queryParam("limit", 2).queryParam("cursor", cursor).when().get(PATH)
                .then().statusCode(200).body("items", hasSize(1)).body("nextCursor", nullValue());
    }

    /** OWASP API7: loopback, link-local (cloud metadata), private, unspecified, multicast, in every spelling. */
    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook", "http://10.1.2.3/hook",
            "http://172.16.5.5/hook", "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]/hook", "http://[fd00::1]/hook", "http://0.0.0.0/hook", "http://[::]/hook",
            "http://224.0.0.1/hook", "http://[ff02::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://[::ffff:a9fe:a9fe]/hook",
            "http://[64:ff9b::7f00:1]/hook", "http://[2002:a00:1::]/hook", "http://2130706433/hook",
            "http://100.64.0.1/hook", "http://127.0.0.3/hook"})
    void aTargetInsideTheNetworkIsRefusedAtRegistration(String url) {
        register(admin, Map.of("url", url, "eventTypes", List.of(ProgressFlagged.TYPE)))
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("url")))
                .body("errors[0].message", containsString("which webhooks may not reach"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.2/hook", "http://user:pass@127.0.0.2/hook", "not a url", "http:///nohost",
            "http://does-not-resolve.invalid/hook", "http://127.1/hook"})
    void aUrlThatIsNotAPlainWebTargetIsRefused(String url) {
        register(admin, Map.of("url", url, "eventTypes", List.of(ProgressFlagged.TYPE)))
                .statusCode(400).body("errors.field", equalTo(List.of("url")));
    }

    @Test
    void changingTheUrlIsCheckedLikeRegistering() {
        String id = register(admin, endpoint()).statusCode(201).extract().path("id");
        given().auth().oauth2(admin).header("If-Match", "*").contentType(ContentType.JSON).body(Map.of("url", "http://169.254.169.254/"))
                .when().patch(PATH + "/{id}", id)
                .then().statusCode(400).body("errors.field", equalTo(List.of("url")));
        given().auth().oauth2(admin).when().get(PATH + "/{id}", id).then().statusCode(200).body("url", equalTo(RECEIVER));
    }

    @Test
    void theEventTypesListGivesEveryExactTypeWithADescriptionAndItsGeneratedDataSchema() throws Exception {
        ValidatableResponse all = given().auth().oauth2(admin).queryParam("limit", 100).when().get(TYPES)
                .then().statusCode(200).body("nextCursor", nullValue());
        List<String> types = all.extract().path("items.type");
        assertEquals(WebhookEventTypes.SUBSCRIBABLE.stream().sorted().toList(), types);
        assertTrue(types.contains("org.intersession.progress.recorded.v1") && types.contains("org.intersession.assignment.created.v1"));
        List<String> descriptions = all.extract().path("items.description");
        assertTrue(descriptions.stream().allMatch(d -> d != null && d.length() > 10), descriptions.toString());

        Map<String, Object> recorded = all.extract().path("items.find { it.type == 'org.intersession.progress.recorded.v1' }.dataSchema");
        assertEquals("https://json-schema.org/draft/2020-12/schema", recorded.get("$schema"));
        assertEquals("object", recorded.get("type"));
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) recorded.get("properties");
        // the schema describes the payload exactly as the producer serialises it: the same members, no more
        JsonNode example = codec.tree(new ProgressRecorded(UUID.randomUUID(), UUID.randomUUID(), clinic, UUID.randomUUID(),
                UUID.randomUUID(), "2026-11-20T20:00", "DONE", false, OffsetDateTime.now(ZoneOffset.UTC)));
        List<String> members = new java.util.ArrayList<>();
        example.fieldNames().forEachRemaining(members::add);
        assertEquals(Set.copyOf(members), properties.keySet());
        assertEquals(Set.copyOf(members), Set.copyOf((List<String>) recorded.get("required")));
        assertEquals(Map.of("type", "string", "format", "uuid"), properties.get("clinicId"));
        assertEquals("boolean", properties.get("late").get("type"));
        assertEquals(List.of("string", "null"), properties.get("completedAt").get("type"), "completedAt may be null");
        assertEquals("date-time", properties.get("completedAt").get("format"));

        // nested records and enums in their JSON form: an assignment's schedule type, a field's type in lower case
        given().auth().oauth2(admin).queryParam("limit", 100).when().get(TYPES).then().statusCode(200)
                .body("items.find { it.type == 'org.intersession.assignment.created.v1' }.dataSchema.properties.schedule.properties.type.enum",
                        equalTo(List.of("ONE_OFF", "RECURRING")))
                .body("items.find { it.type == 'org.intersession.assignment.created.v1' }.dataSchema.properties.fieldSchema.properties.fields.items.properties.type.enum",
                        hasItem("single_choice"));
    }

    @Test
    void theEventTypesListPagesWithACursorAndIsForThoseWhoManageWebhooks() {
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(admin).queryParam("limit", 5);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            ValidatableResponse page = request.when().get(TYPES).then().statusCode(200).body("items.size()", lessThanOrEqualTo(5));
            seen.addAll(page.extract().path("items.type"));
            cursor = page.extract().path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(WebhookEventTypes.SUBSCRIBABLE.stream().sorted().toList(), seen);
        assertTrue(pages > 1, "more than one page of 5");

        given().auth().oauth2(TestTokens.therapist(clinic, UUID.randomUUID())).when().get(TYPES)
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get(TYPES).then().statusCode(401);
        given().auth().oauth2(admin).queryParam("limit", 101).when().get(TYPES).then().statusCode(400);
        given().auth().oauth2(admin).queryParam("cursor", "not-a-cursor").when().get(TYPES)
                .then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    private static Map<String, Object> endpoint() {
        return Map.of("url", RECEIVER, "eventTypes", List.of(ProgressFlagged.TYPE));
    }

    private static ValidatableResponse register(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(PATH).then();
    }
}
