package org.intersession.gateway.auth;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.intersession.platform.problem.ApiProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The public authentication endpoints. Responses carry Cache-Control: no-store (RFC 6749 §5.1). */
@Tag(name = "Authentication", description = "Logins, tokens and invitations.")
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AuthService auth;

    AuthResource(AuthService auth) {
        this.auth = auth;
    }

    @Operation(operationId = "login", summary = "Log in",
            description = "A user logs in with email and password and gets an access token and a refresh token.")
    @APIResponse(responseCode = "200", description = "Logged in.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Wrong email or password, or a deactivated user.")
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResponse login(Credentials.Login login, @Context HttpServerRequest request) {
        return auth.login(login, ip(request));
    }

    /**
     * OAuth 2.0 token endpoint: {@code client_credentials} for API clients (credentials in the form or in HTTP Basic),
     * and {@code refresh_token}, which rotates the refresh token. The form is read by {@link TokenForm}.
     */
    @Operation(operationId = "issueToken", summary = "Get a token (OAuth 2.0)",
            description = "The OAuth 2.0 token endpoint: grant_type=client_credentials for an API client (credentials in the form or in HTTP Basic), or grant_type=refresh_token, which replaces the refresh token.")
    @APIResponse(responseCode = "200", description = "A new access token (and, for refresh_token, a new refresh token).", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Unknown or revoked client credentials.")
    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = TokenForm.class)))
    public TokenResponse token(byte[] body, @HeaderParam("Authorization") String authorization, @Context HttpServerRequest request) {
        TokenForm form = TokenForm.parse(body);
        if ("refresh_token".equals(form.grantType())) {
            return auth.refresh(form.refreshToken());
        }
        if ("client_credentials".equals(form.grantType())) {
            String[] basic = basicCredentials(authorization);
            return basic != null ? auth.clientCredentials(basic[0], basic[1], ip(request))
                    : auth.clientCredentials(form.clientId(), form.clientSecret(), ip(request));
        }
        throw ApiProblemException.invalidField("grant_type", "must be client_credentials or refresh_token");
    }

    @Operation(operationId = "logout", summary = "Log out",
            description = "Revokes the refresh token, so it can no longer be used.")
    @APIResponse(responseCode = "204", description = "Logged out.")
    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response logout(Credentials.Logout logout) {
        auth.logout(logout);
        return Response.noContent().build();
    }

    @Operation(operationId = "acceptInvitation", summary = "Accept an invitation",
            description = "An invited user sets a password with the one-time invitation token and is logged in.")
    @POST
    @Path("accept-invitation")
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenResponse acceptInvitation(Credentials.AcceptInvitation request, @Context HttpServerRequest http) {
        return auth.acceptInvitation(request, ip(http));
    }

    private static String ip(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
