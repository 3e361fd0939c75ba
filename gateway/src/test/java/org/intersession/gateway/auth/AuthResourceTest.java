package org.intersession.gateway.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import org.intersession.gateway.IdentityFixture;
import org.intersession.gateway.IdentityFixture.ClinicWithAdmin;
import org.intersession.gateway.IdentityFixture.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AuthResourceTest {

    private static final String PROBLEM = "application/problem+json";
    /** A form body sent byte for byte, as a hostile client would, instead of encoded by REST Assured. */
    private static final RestAssuredConfig FORM_AS_SENT = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY));
    private static final String INVALID = "Invalid email or password (if this email has an account at more than one "
            + "clinic, also send clinicId)";

    @jakarta.inject.Inject
    AuthService auth;

    @Test
    void anInvitedUserSetsAPasswordThenLogsIn() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member therapist = IdentityFixture.therapist(clinic);

        given().contentType(ContentType.JSON).body(Map.of("email", therapist.email(), "password", IdentityFixture.PASSWORD))
                .when().post("/api/v1/auth/login")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", greaterThan(0))
                .body("access_token", notNullValue())
                .body("refresh_token", startsWith("rt_"));
    }

    @Test
    void anInvitationWorksOnlyOnce() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        String token = given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", "once-" + System.nanoTime() + "@clinic.test", "displayName", "Once", "role", "THERAPIST"))
                .when().post("/api/v1/users").then().statusCode(201).extract().path("invitationToken");
        Map<String, String> accept = Map.of("token", token, "password", IdentityFixture.PASSWORD);
        given().contentType(ContentType.JSON).body(accept).when().post("/api/v1/auth/accept-invitation").then().statusCode(200);
        given().contentType(ContentType.JSON).body(accept).when().post("/api/v1/auth/accept-invitation")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aShortPasswordIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("token", "inv_x", "password", "short"))
                .when().post("/api/v1/auth/accept-invitation")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("password"));
    }

    @Test
    void wrongPasswordsSlowDownThenLockTheAccountWithoutRevealingIt() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member therapist = IdentityFixture.therapist(clinic);
        Map<String, String> wrong = Map.of("email", therapist.email(), "password", "not the password");

        given().contentType(ContentType.JSON).body(wrong).when().post("/api/v1/auth/login")
                .then().statusCode(401).contentType(PROBLEM).body("detail", equalTo(INVALID));
        given().contentType(ContentType.JSON).body(wrong).when().post("/api/v1/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).body(wrong).when().post("/api/v1/auth/login").then().statusCode(401);
        // from the third failure on, the next attempt must wait, even with the right password
        given().contentType(ContentType.JSON).body(Map.of("email", therapist.email(), "password", IdentityFixture.PASSWORD))
                .when().post("/api/v1/auth/login")
                .then().statusCode(429).contentType(PROBLEM).header("Retry-After", notNullValue());

        // an unknown email is treated exactly the same way
        Map<String, String> unknown = Map.of("email", "nobody-" + System.nanoTime() + "@clinic.test", "password", "whatever");
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(unknown).when().post("/api/v1/auth/login")
                    .then().statusCode(401).body("detail", equalTo(INVALID));
        }
        given().contentType(ContentType.JSON).body(unknown).when().post("/api/v1/auth/login").then().statusCode(429);
    }

    /**
     * Accounts are per clinic: another clinic's user with the same address is no conflict (a clinic learns nothing of
     * other clinics' users), each account has its own password, and a login names the clinic when it must.
     */
    @Test
    void onePersonHasAnAccountAtEachOfTwoClinicsAndNeitherClinicLearnsOfTheOther() {
        ClinicWithAdmin first = IdentityFixture.newClinic();
        ClinicWithAdmin second = IdentityFixture.newClinic();
        String email = "Sam.Two-Clinics-" + System.nanoTime() + "@clinic.test";
        String firstCode = inviteClient(first, email).then().statusCode(201).extract().path("invitationToken");
        String secondCode = inviteClient(second, email.toLowerCase()).then().statusCode(201).extract().path("invitationToken");
        inviteClient(first, email.toUpperCase()).then().statusCode(409).contentType(PROBLEM)
                .body("detail", equalTo("A user with this email already exists in this clinic"));

        accept(firstCode, "first clinic's passphrase");
        login(Map.of("email", email, "password", "first clinic's passphrase")).then().statusCode(200);
        accept(secondCode, "second clinic's passphrase");

        // with two accounts, a login without the clinic fails like any other failure, telling what to add
        login(Map.of("email", email, "password", "first clinic's passphrase")).then().statusCode(401).body("detail", equalTo(INVALID));
        String token = login(Map.of("email", email, "password", "second clinic's passphrase", "clinicId", second.clinicId().toString()))
                .then().statusCode(200).extract().path("access_token");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        org.hamcrest.MatcherAssert.assertThat(payload, org.hamcrest.Matchers.containsString(second.clinicId().toString()));
        login(Map.of("email", email, "password", "first clinic's passphrase", "clinicId", second.clinicId().toString()))
                .then().statusCode(401).body("detail", equalTo(INVALID));
    }

    /**
     * A wrong password for a real account costs the same time as any password for an unknown address: measured
     * interleaved on the login's own path (one lookup and one bcrypt of the same cost either way), so that load on the
     * machine falls on both alike. Each attempt comes from its own address, so no throttle steps in.
     */
    @Test
    void aKnownEmailAnswersAsFastAsAnUnknownOne() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        List<String> known = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(IdentityFixture.therapist(clinic).email());
        }
        int rounds = 8;
        long[] knownNanos = new long[rounds * known.size()];
        long[] unknownNanos = new long[rounds * known.size()];
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            for (String email : known) {
                knownNanos[n] = failedLoginNanos(email, "10.77." + round + "." + n);
                unknownNanos[n] = failedLoginNanos("nobody-" + java.util.UUID.randomUUID() + "@clinic.test", "10.78." + round + "." + n);
                n++;
            }
        }
        java.util.Arrays.sort(knownNanos);
        java.util.Arrays.sort(unknownNanos);
        double knownMedian = knownNanos[n / 2];
        double unknownMedian = unknownNanos[n / 2];
        double ratio = knownMedian / unknownMedian;
        org.junit.jupiter.api.Assertions.assertTrue(ratio > 0.8 && ratio < 1.25,
                "median of known " + knownMedian / 1e6 + " ms, of unknown " + unknownMedian / 1e6 + " ms (ratio " + ratio + ")");
        // and the two samples overlap: neither path's fastest quarter is slower than the other's median
        org.junit.jupiter.api.Assertions.assertTrue(knownNanos[n / 4] < unknownMedian && unknownNanos[n / 4] < knownMedian,
                "the distributions do not overlap");
    }

    private long failedLoginNanos(String email, String ip) {
        long start = System.nanoTime();
        org.junit.jupiter.api.Assertions.assertThrows(org.intersession.platform.problem.ApiProblemException.class,
                () -> auth.login(new Credentials.Login(email, "not the right password", null), ip));
        return System.nanoTime() - start;
    }

    private static io.restassured.response.Response inviteClient(ClinicWithAdmin clinic, String email) {
        return given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "displayName", "Sam", "role", "CLIENT", "profile", Map.of("timeZone", "Europe/Berlin")))
                .when().post("/api/v1/users");
    }

    private static void accept(String code, String password) {
        given().contentType(ContentType.JSON).body(Map.of("token", code, "password", password))
                .when().post("/api/v1/auth/accept-invitation").then().statusCode(200);
    }

    private static io.restassured.response.Response login(Map<String, String> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/auth/login");
    }

    @Test
    void refreshTokensRotateAndAReplayRevokesTheWholeFamily() {
        Member therapist = IdentityFixture.therapist(IdentityFixture.newClinic());
        String first = therapist.refreshToken();

        String second = refresh(first).then().statusCode(200).body("refresh_token", not(equalTo(first)))
                .extract().path("refresh_token");
        String third = refresh(second).then().statusCode(200).extract().path("refresh_token");

        refresh(first).then().statusCode(400).contentType(PROBLEM);      // replay of a used token
        refresh(third).then().statusCode(400).contentType(PROBLEM);      // the family is gone with it
    }

    @Test
    void logoutRevokesTheRefreshFamily() {
        Member therapist = IdentityFixture.therapist(IdentityFixture.newClinic());
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", therapist.refreshToken()))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
        refresh(therapist.refreshToken()).then().statusCode(400);
    }

    /** Access tokens stop with their session or their user, within seconds, not 15 minutes later when they expire. */
    @Test
    void logoutEndsItsSessionsAccessTokensAndDeactivationEndsThemAll() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member client = IdentityFixture.client(clinic);
        String laptop = login(Map.of("email", client.email(), "password", IdentityFixture.PASSWORD))
                .then().statusCode(200).extract().path("access_token");
        self(client, client.accessToken()).then().statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("refreshToken", client.refreshToken()))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> self(client, client.accessToken()).then().statusCode(401).contentType(PROBLEM));
        given().auth().oauth2(client.accessToken()).when().get("/api/v1/assignments").then().statusCode(401);
        self(client, laptop).then().statusCode(200);

        given().auth().oauth2(clinic.admin().accessToken()).when().post("/api/v1/users/{id}/deactivate", client.id())
                .then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> self(client, laptop).then().statusCode(401));
        given().auth().oauth2(laptop).when().get("/api/v1/assignments").then().statusCode(401);
    }

    private static io.restassured.response.Response self(Member member, String token) {
        return given().auth().oauth2(token).when().get("/api/v1/users/{id}", member.id());
    }

    @Test
    void anApiClientGetsATokenWithItsScopesUntilItIsRevoked() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        io.restassured.path.json.JsonPath created = given().auth().oauth2(clinic.admin().accessToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "Practice EHR", "scopes", List.of("assignments:write", "progress:read")))
                .when().post("/api/v1/api-clients")
                .then().statusCode(201).body("clientSecret", startsWith("iss_")).extract().jsonPath();
        String clientId = created.getString("apiClient.clientId");
        String secret = created.getString("clientSecret");

        String token = given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/api/v1/auth/token")
                .then().statusCode(200).body("refresh_token", equalTo(null)).extract().path("access_token");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        org.hamcrest.MatcherAssert.assertThat(payload, org.hamcrest.Matchers.containsString("\"scope\":\"assignments:write progress:read\""));

        given().auth().preemptive().basic(clientId, secret).contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .when().post("/api/v1/auth/token").then().statusCode(200);
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId).formParam("client_secret", secret + "x")
                .when().post("/api/v1/auth/token").then().statusCode(401).contentType(PROBLEM);

        given().auth().oauth2(token).when().get("/api/v1/assignments").then().statusCode(200);
        given().auth().oauth2(clinic.admin().accessToken()).when().delete("/api/v1/api-clients/{id}", created.getString("apiClient.id"))
                .then().statusCode(204);
        // the token it already holds stops too, without waiting for it to expire
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> given().auth().oauth2(token).when().get("/api/v1/assignments").then().statusCode(401));
        given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").formParam("client_id", clientId).formParam("client_secret", secret)
                .when().post("/api/v1/auth/token").then().statusCode(401);
    }

    @Test
    void aDeactivatedUserCanNeitherLogInNorRefresh() {
        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member client = IdentityFixture.client(clinic);
        given().auth().oauth2(clinic.admin().accessToken()).when().post("/api/v1/users/{id}/deactivate", client.id())
                .then().statusCode(200).body("status", equalTo("DEACTIVATED"));

        given().contentType(ContentType.JSON).body(Map.of("email", client.email(), "password", IdentityFixture.PASSWORD))
                .when().post("/api/v1/auth/login").then().statusCode(401);
        refresh(client.refreshToken()).then().statusCode(400);
    }

    @Test
    void theOperatorMayManageClinicsButNotClinicData() {
        String operator = IdentityFixture.operatorToken();
        given().auth().oauth2(operator).when().get("/api/v1/clinics").then().statusCode(200);
        given().auth().oauth2(operator).when().get("/api/v1/users").then().statusCode(401).contentType(PROBLEM);

        ClinicWithAdmin clinic = IdentityFixture.newClinic();
        Member therapist = IdentityFixture.therapist(clinic);
        given().auth().oauth2(therapist.accessToken()).when().get("/api/v1/clinics").then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(therapist.accessToken()).when().get("/api/v1/clinics/{id}", clinic.clinicId())
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void theLocationOfACreatedClinicLeadsToIt() {
        String operator = IdentityFixture.operatorToken();
        String name = "Located Clinic " + System.nanoTime();
        io.restassured.response.Response created = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("name", name, "admin", Map.of("email", "located-" + System.nanoTime() + "@clinic.test", "displayName", "Lee")))
                .when().post("/api/v1/clinics").then().statusCode(201).extract().response();
        String id = created.path("clinic.id");

        given().auth().oauth2(operator).when().get(created.header("Location"))
                .then().statusCode(200).body("id", equalTo(id)).body("name", equalTo(name)).body("createdAt", notNullValue());
        given().auth().oauth2(operator).when().get("/api/v1/clinics/{id}", java.util.UUID.randomUUID())
                .then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aPropertyGivenTwiceIsRefusedNamingItRatherThanFailing() {
        given().contentType(ContentType.JSON).body("{\"email\":\"a@clinic.test\",\"password\":\"x\",\"email\":\"b@clinic.test\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("email"))
                .body("errors.message", hasItem("appears more than once"));
        given().contentType(ContentType.JSON).body("{\"refreshToken\":\"rt_a\",\"refreshToken\":\"rt_b\"}")
                .when().post("/api/v1/auth/logout")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("refreshToken"));
        given().contentType(ContentType.JSON).body("{\"token\":\"inv_a\",\"password\":\"a long passphrase\",\"token\":\"inv_b\"}")
                .when().post("/api/v1/auth/accept-invitation")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("token"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            grant_type=client_%ZZcredentials&client_id=a&client_secret=b          | grant_type
            grant_type=client_credentials&client_id=a%                            | client_id
            grant_type=client_credentials&grant_type=refresh_token&client_id=a    | grant_type
            client_id=a&client_secret=b                                           | grant_type
            grant_type=client_credentials&client_id=%C3%28&client_secret=b        | client_id
            grant_type=client_credentials&client_id=a%00b&client_secret=b         | client_id
            %FF%FE=%01&grant_type=client_credentials                              | form
            grant_type=refresh_token&refresh_token=x&refresh_token=y              | refresh_token
            """)
    void aMalformedTokenFormIsA400NamingTheParameter(String form, String field) {
        given().config(FORM_AS_SENT).contentType("application/x-www-form-urlencoded").body(form.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .when().post("/api/v1/auth/token")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem(field));
    }

    @Test
    void aTokenFormOfBinaryJunkIsA400() {
        byte[] junk = {0, (byte) 0xff, (byte) 0xfe, '=', 1, '&', '&', '=', '&', '%', (byte) 0x80};
        given().config(FORM_AS_SENT).contentType("application/x-www-form-urlencoded; charset=ISO-8859-1").body(junk)
                .when().post("/api/v1/auth/token")
                .then().statusCode(400).contentType(PROBLEM);
    }

    private static io.restassured.response.Response refresh(String refreshToken) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "refresh_token").formParam("refresh_token", refreshToken)
                .when().post("/api/v1/auth/token");
    }
}
