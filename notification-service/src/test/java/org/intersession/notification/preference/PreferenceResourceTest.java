package org.intersession.notification.preference;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class PreferenceResourceTest {

    @Test
    void aUserReadsTheDefaultsThenSetsTheirOwnPreferences() {
        String therapist = TestTokens.therapist(UUID.randomUUID(), UUID.randomUUID());
        given().auth().oauth2(therapist).when().get("/api/v1/notification-preferences")
                .then().statusCode(200).body("channels", contains("IN_APP")).body("completionDelivery", equalTo("EACH"))
                .body("emailIncludesDetails", equalTo(false)).body("timeZone", equalTo("UTC"));

        given().auth().oauth2(therapist).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP", "EMAIL"), "quietHoursStart", "21:00", "quietHoursEnd", "07:00",
                        "completionDelivery", "DAILY_DIGEST", "dailyDigestTime", "17:30",
                        "weeklyDigestDay", "FRIDAY", "weeklyDigestTime", "16:00"))
                .when().put("/api/v1/notification-preferences")
                .then().statusCode(200).body("completionDelivery", equalTo("DAILY_DIGEST"));
        given().auth().oauth2(therapist).when().get("/api/v1/notification-preferences")
                .then().statusCode(200).body("channels", contains("IN_APP", "EMAIL")).body("weeklyDigestDay", equalTo("FRIDAY"))
                .body("quietHoursStart", equalTo("21:00:00")).body("timeZone", equalTo("UTC"))
                .body("emailIncludesDetails", equalTo(false));
    }

    @Test
    void theFirstPutNeedsNoIfMatchButEveryLaterOneNeedsTheCurrentETag() {
        String client = TestTokens.client(UUID.randomUUID(), UUID.randomUUID());
        given().auth().oauth2(client).when().get("/api/v1/notification-preferences")
                .then().statusCode(200).header("ETag", "\"0\"");
        String stored = given().auth().oauth2(client).contentType(ContentType.JSON).body(Map.of("channels", List.of("IN_APP")))
                .when().put("/api/v1/notification-preferences").then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(client).when().get("/api/v1/notification-preferences")
                .then().statusCode(200).header("ETag", stored);
        given().auth().oauth2(client).contentType(ContentType.JSON).body(Map.of("channels", List.of("IN_APP", "EMAIL")))
                .when().put("/api/v1/notification-preferences").then().statusCode(428).contentType("application/problem+json")
                .body("errors.field", hasItem("If-Match"));
        given().auth().oauth2(client).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP", "EMAIL")))
                .when().put("/api/v1/notification-preferences").then().statusCode(412).contentType("application/problem+json")
                .body("errors.field", hasItem("If-Match"));
        given().auth().oauth2(client).header("If-Match", stored).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP", "EMAIL")))
                .when().put("/api/v1/notification-preferences").then().statusCode(200).body("channels", contains("IN_APP", "EMAIL"))
                .header("ETag", not(equalTo(stored)));
    }

    @Test
    void aStaleIfMatchIsRefusedEvenBeforeThePreferencesAreStored() {
        String client = TestTokens.client(UUID.randomUUID(), UUID.randomUUID());
        given().auth().oauth2(client).header("If-Match", "\"7\"").contentType(ContentType.JSON).body(Map.of("channels", List.of("IN_APP")))
                .when().put("/api/v1/notification-preferences").then().statusCode(412);
    }

    @Test
    void inconsistentPreferencesNameTheField() {
        String client = TestTokens.client(UUID.randomUUID(), UUID.randomUUID());
        given().auth().oauth2(client).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("EMAIL")))
                .when().put("/api/v1/notification-preferences").then().statusCode(400).body("errors.field", hasItem("channels"));
        given().auth().oauth2(client).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP"), "quietHoursStart", "22:00"))
                .when().put("/api/v1/notification-preferences").then().statusCode(400).body("errors.field", hasItem("quietHoursEnd"));
        given().auth().oauth2(client).contentType(ContentType.JSON)
                .body(Map.of("channels", List.of("IN_APP", "PIGEON")))
                .when().put("/api/v1/notification-preferences").then().statusCode(400);
    }

    @Test
    void aValueIsRefusedRatherThanConvertedNamingItAndNothingChanges() {
        String client = TestTokens.client(UUID.randomUUID(), UUID.randomUUID());
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("\"channels\":[\"IN_APP\"],\"emailIncludesDetails\":1", "emailIncludesDetails");
        refused.put("\"channels\":[\"IN_APP\"],\"emailIncludesDetails\":\"true\"", "emailIncludesDetails");
        refused.put("\"channels\":[\"IN_APP\"],\"weeklyDigestDay\":5", "weeklyDigestDay");
        refused.put("\"channels\":[\"IN_APP\"],\"quietHoursStart\":79200,\"quietHoursEnd\":\"07:00\"", "quietHoursStart");
        refused.put("\"channels\":[\"IN_APP\"],\"timeZone\":5", "timeZone");
        refused.put("\"channels\":\"IN_APP\"", "channels");
        refused.put("\"channels\":[\"IN_APP\"],\"channels\":[\"IN_APP\",\"EMAIL\"]", "channels");
        refused.forEach((properties, field) -> given().auth().oauth2(client).contentType(ContentType.JSON).body("{" + properties + "}")
                .when().put("/api/v1/notification-preferences")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field)));
        given().auth().oauth2(client).when().get("/api/v1/notification-preferences")
                .then().statusCode(200).body("channels", contains("IN_APP")).body("emailIncludesDetails", equalTo(false))
                .body("timeZone", equalTo("UTC"));
    }
}
