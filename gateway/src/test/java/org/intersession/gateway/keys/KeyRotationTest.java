package org.intersession.gateway.keys;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.auth.TokenIssuer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class KeyRotationTest {

    @Inject
    TokenIssuer issuer;

    @Test
    void afterARotationNewTokensUseTheNewKeyAndOldTokensStillVerify() {
        String before = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "CLINIC_ADMIN");
        String oldKid = kid(before);

        String newKid = given().auth().oauth2(IdentityFixture.operatorToken())
                .when().post("/api/v1/signing-keys/rotate")
                .then().statusCode(200).extract().path("keyId");
        assertNotEquals(oldKid, newKid);

        given().when().get("/.well-known/jwks.json").then().statusCode(200).body("keys.kid", hasItems(oldKid, newKid));
        String after = issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "CLINIC_ADMIN");
        assertTrue(after.length() > 0 && kid(after).equals(newKid), "new tokens carry the new kid");

        given().auth().oauth2(before).when().get("/api/v1/users").then().statusCode(200);
        given().auth().oauth2(after).when().get("/api/v1/users").then().statusCode(200);
    }

    @Test
    void onlyTheOperatorRotates() {
        given().auth().oauth2(issuer.forUser(UUID.randomUUID(), UUID.randomUUID(), "CLINIC_ADMIN"))
                .when().post("/api/v1/signing-keys/rotate").then().statusCode(403).contentType("application/problem+json");
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(header).getString("kid");
    }
}
