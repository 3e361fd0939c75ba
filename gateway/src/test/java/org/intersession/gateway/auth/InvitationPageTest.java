package org.intersession.gateway.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page the invitation email links to by default: served by the gateway, loading nothing from elsewhere. */
@QuarkusTest
class InvitationPageTest {

    private static final Pattern ATTRIBUTE_URL = Pattern.compile("(?:src|href|action)\\s*=\\s*\"([^\"]*)\"");

    @Test
    void theInvitationLinkOpensAPageWhoseAssetsAllComeFromTheGateway() {
        Response page = given().when().get("/accept-invitation?code=inv_example")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", equalTo(InvitationPage.CONTENT_SECURITY_POLICY))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .body(containsString("<form id=\"accept\""))
                .extract().response();
        String html = page.asString();

        Matcher urls = ATTRIBUTE_URL.matcher(html);
        int assets = 0;
        while (urls.find()) {
            String url = urls.group(1);
            assertFalse(url.contains(":") || url.startsWith("//"), "an asset from elsewhere: " + url);
            given().when().get("/" + url).then().statusCode(200)
                    .header("Content-Security-Policy", equalTo(InvitationPage.CONTENT_SECURITY_POLICY));
            assets++;
        }
        assertEquals(2, assets, "the page loads its script and its stylesheet");
        // the policy allows no inline script or style, so the page must have none
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(html).find(), "inline script");
        assertFalse(html.contains("<style") || Pattern.compile("\\s(style|on[a-z]+)\\s*=").matcher(html).find(),
                "inline style or event handler");
        assertFalse(InvitationPage.CONTENT_SECURITY_POLICY.contains("unsafe"));
    }

    @Test
    void theScriptSendsTheFieldsTheApiReadsAndShowsProblemsAsText() {
        String script = given().when().get("/accept-invitation.js")
                .then().statusCode(200).contentType(startsWith("text/javascript")).extract().asString();
        JsonPath document = given().when().get("/openapi").then().statusCode(200).extract().jsonPath();
        String request = document.getString("paths.'/api/v1/auth/accept-invitation'.post.requestBody.content.'application/json'.schema.$ref");
        String schema = request.substring(request.lastIndexOf('/') + 1);
        List<String> fields = document.getList("components.schemas." + schema + ".required");

        assertTrue(script.contains("post('accept-invitation', { token: code.value.trim(), password: password.value })"),
                "the script posts the code and the password to accept-invitation");
        assertEquals(List.of("token", "password"), fields, "the fields the API requires");
        assertTrue(script.contains("details.errors") && script.contains("details.detail"), "problem details are shown");
        assertFalse(script.contains("innerHTML") || script.contains("insertAdjacentHTML") || script.contains("localStorage"),
                "the server's words are shown as text, and no token is kept");
    }
}
