package org.intersession.gateway.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The page an invitation email links to by default ({@code /accept-invitation?code=...}): the invitee chooses a
 * password, and the page's script posts it with the code to {@code POST /api/v1/auth/accept-invitation}, showing the
 * problem details of a refusal. It is not part of the API document. Everything it loads comes from the gateway, and
 * its Content-Security-Policy allows nothing else: no inline script, no other origin, no framing, no form submission.
 */
@ApplicationScoped
public class InvitationPage {

    static final String PATH = "/accept-invitation";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final Buffer html = resource("accept-invitation.html");
    private final Buffer script = resource("accept-invitation.js");
    private final Buffer style = resource("accept-invitation.css");

    void register(@Observes Router router) {
        router.get(PATH).handler(ctx -> send(ctx, "text/html; charset=utf-8", html));
        router.get(PATH + ".js").handler(ctx -> send(ctx, "text/javascript; charset=utf-8", script));
        router.get(PATH + ".css").handler(ctx -> send(ctx, "text/css; charset=utf-8", style));
    }

    private static void send(RoutingContext ctx, String contentType, Buffer body) {
        ctx.response()
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                // the page's address carries a one-time code: never stored, never sent on as a Referer
                .putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY")
                .end(body);
    }

    private static Buffer resource(String name) {
        try (InputStream in = InvitationPage.class.getResourceAsStream("/invitation-page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("invitation-page/" + name + " is missing from the gateway");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
