package org.intersession.assignment.template;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.intersession.assignment.AssignmentFixture;
import org.intersession.platform.idempotency.IdempotentRequests;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class TemplateResourceTest {

    private static final String THOUGHT_RECORD = BuiltInTemplates.idOf("cbt-thought-record").toString();

    @Inject
    IdentityReplica identity;

    @Inject
    IdempotentRequests requests;

    private AssignmentFixture f;

    @BeforeEach
    void clinic() {
        f = new AssignmentFixture(identity);
    }

    @Test
    void theBuiltInLibraryIsSeededFromItsDataFiles() {
        given().auth().oauth2(f.therapistToken()).queryParam("limit", 100)
                .when().get("/api/v1/templates")
                .then().statusCode(200)
                .body("items.findAll { it.builtIn }.slug", hasItems("cbt-thought-record", "dbt-diary-card", "sleep-diary",
                        "graded-exposure", "behavioural-activation-log", "dbt-skill-practice", "positive-cognition-log",
                        "worry-time-log", "mindfulness-practice", "reflection-prompt", "task-checklist"));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/templates/{id}", THOUGHT_RECORD)
                .then().statusCode(200).body("version", equalTo(1)).body("schema.fields.type", hasItem("scale"));
    }

    @Test
    void everyEditOfAClinicTemplateIsANewVersionAndOldVersionsRemain() {
        var created = given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(template("Urge surfing log", 8))
                .when().post("/api/v1/templates")
                .then().statusCode(201).body("version", equalTo(1)).body("builtIn", equalTo(false)).extract();
        String id = created.path("id");
        given().auth().oauth2(f.therapistToken()).header("If-Match", created.header("ETag")).contentType(ContentType.JSON)
                .body(template("Urge surfing log", 7))
                .when().put("/api/v1/templates/{id}", id).then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(f.therapistToken()).when().get("/api/v1/templates/{id}/versions/1", id)
                .then().statusCode(200).body("schema.fields[0].alert.value", equalTo(8));
        given().auth().oauth2(TestTokens.therapist(UUID.randomUUID(), UUID.randomUUID())).when().get("/api/v1/templates/{id}", id)
                .then().statusCode(404);

        given().auth().oauth2(f.therapistToken()).when().post("/api/v1/templates/{id}/archive", id).then().statusCode(200);
        given().auth().oauth2(f.therapistToken()).queryParam("limit", 100).when().get("/api/v1/templates")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void anEditNeedsTheETagOfTheCurrentTemplate() {
        String id = given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(template("Worry log", 8))
                .when().post("/api/v1/templates").then().statusCode(201).header("ETag", "\"0\"").extract().path("id");
        String etag = given().auth().oauth2(f.therapistToken()).when().get("/api/v1/templates/{id}", id)
                .then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(template("Worry log", 7))
                .when().put("/api/v1/templates/{id}", id).then().statusCode(428).contentType("application/problem+json")
                .body("errors.field", hasItem("If-Match"));
        String edited = given().auth().oauth2(f.therapistToken()).header("If-Match", etag).contentType(ContentType.JSON)
                .body(template("Worry log", 7))
                .when().put("/api/v1/templates/{id}", id).then().statusCode(200).body("version", equalTo(2))
                .extract().header("ETag");
        given().auth().oauth2(f.therapistToken()).header("If-Match", etag).contentType(ContentType.JSON).body(template("Worry log", 6))
                .when().put("/api/v1/templates/{id}", id).then().statusCode(412).contentType("application/problem+json")
                .body("errors.field", hasItem("If-Match"));
        // archiving changes the row too: an edit prepared before it is stale
        String archived = given().auth().oauth2(f.therapistToken()).when().post("/api/v1/templates/{id}/archive", id)
                .then().statusCode(200).extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertNotEquals(edited, archived);
        given().auth().oauth2(f.therapistToken()).header("If-Match", edited).contentType(ContentType.JSON).body(template("Worry log", 6))
                .when().put("/api/v1/templates/{id}", id).then().statusCode(412);
    }

    @Test
    void aCreateResentWithItsIdempotencyKeyIsAnsweredAgainNotMadeTwice() {
        String key = "template-" + UUID.randomUUID();
        var first = given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(template("Exposure ladder", 8)).when().post("/api/v1/templates")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract();
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(template("Exposure ladder", 8)).when().post("/api/v1/templates")
                .then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location")).header("ETag", first.header("ETag"))
                .body("id", equalTo(first.path("id"))).body("slug", equalTo(first.path("slug")));
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(template("Exposure ladder", 9)).when().post("/api/v1/templates")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("Idempotency-Key"));
        // a key belongs to its caller: a colleague's same key is a request of their own
        given().auth().oauth2(TestTokens.therapist(f.clinic, UUID.randomUUID())).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(template("Exposure ladder", 8)).when().post("/api/v1/templates")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).body("id", not(equalTo(first.path("id"))));
        given().auth().oauth2(f.therapistToken()).queryParam("limit", 100).when().get("/api/v1/templates")
                .then().statusCode(200).body("items.findAll { it.slug == '" + first.path("slug") + "' }", hasSize(1));
    }

    @Test
    void anExpiredIdempotencyKeyIsFreeAgainAndABadOneNamesTheHeader() {
        String key = "expiring-" + UUID.randomUUID();
        String first = given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(template("Breathing log", 8)).when().post("/api/v1/templates").then().statusCode(201).extract().path("id");
        requests.pruneOlderThan(OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1));
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(template("Breathing log", 8)).when().post("/api/v1/templates")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).body("id", not(equalTo(first)));
        given().auth().oauth2(f.therapistToken()).header("Idempotency-Key", "two words").contentType(ContentType.JSON)
                .body(template("Breathing log", 8)).when().post("/api/v1/templates")
                .then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void builtInTemplatesAreReadOnlyAndBadSchemasNameTheField() {
        given().auth().oauth2(f.therapistToken()).header("If-Match", "*").contentType(ContentType.JSON).body(template("Mine", 8))
                .when().put("/api/v1/templates/{id}", THOUGHT_RECORD).then().statusCode(409);
        Map<String, Object> bad = template("Broken", 8);
        bad.put("schema", Map.of("fields", List.of(Map.of("key", "Bad Key", "label", "x", "type", "text", "required", true))));
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(bad)
                .when().post("/api/v1/templates").then().statusCode(400).body("errors.field", hasItem("schema.fields[0].key"));
        given().auth().oauth2(f.clientToken()).when().get("/api/v1/templates").then().statusCode(403);
    }

    @Test
    void anAssignmentPinsTheTemplateVersionItWasMadeFrom() {
        String id = given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(template("Craving log", 8))
                .when().post("/api/v1/templates").then().statusCode(201).extract().path("id");
        Map<String, Object> body = f.dailyThoughtRecord();
        body.remove("title");
        body.put("templateId", id);
        String assignment = given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/assignments")
                .then().statusCode(201).body("title", equalTo("Craving log")).body("templateVersion", equalTo(1))
                .body("fieldSchema.fields[0].key", equalTo("craving")).extract().path("id");

        given().auth().oauth2(f.therapistToken()).header("If-Match", "*").contentType(ContentType.JSON).body(template("Craving log", 5))
                .when().put("/api/v1/templates/{id}", id).then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(f.clientToken()).when().get("/api/v1/assignments/{id}", assignment)
                .then().statusCode(200).body("templateVersion", equalTo(1)).body("fieldSchema.fields[0].alert.value", equalTo(8));

        Map<String, Object> adHoc = f.dailyThoughtRecord();
        adHoc.put("fieldSchema", Map.of("fields", List.of(Map.of("key", "x", "label", "", "type", "text", "required", true))));
        given().auth().oauth2(f.therapistToken()).contentType(ContentType.JSON).body(adHoc)
                .when().post("/api/v1/assignments").then().statusCode(400).body("errors.field", hasItem("fieldSchema.fields[0].label"));
    }

    private static Map<String, Object> template(String title, int alertAt) {
        Map<String, Object> template = new java.util.HashMap<>();
        template.put("title", title);
        template.put("category", "dbt");
        template.put("defaultInstructions", "Each time a craving comes, rate it and ride it out.");
        template.put("schema", Map.of("fields", List.of(
                Map.of("key", "craving", "label", "How strong was the craving?", "type", "scale", "required", true,
                        "min", 0, "max", 10, "alert", Map.of("operator", "at_least", "value", alertAt, "message", "Strong craving")),
                Map.of("key", "note", "label", "What helped?", "type", "long_text", "required", false))));
        return template;
    }
}
