package org.intersession.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end-to-end tests check webhook signatures with this verifier, so it is checked against a published example. */
class WebhookReceiverTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    private static WebhookReceiver.Delivery signed(String signature, byte[] body) {
        return new WebhookReceiver.Delivery("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", signature, "application/json", body);
    }

    @Test
    void theStandardWebhooksExampleVerifies() {
        assertTrue(WebhookReceiver.signedWith(signed("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY), SECRET));
    }

    @Test
    void duringARotationEitherSignatureVerifies() {
        assertTrue(WebhookReceiver.signedWith(signed("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY), SECRET));
    }

    @Test
    void aChangedBodyOrAnotherSecretDoesNotVerify() {
        String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertFalse(WebhookReceiver.signedWith(signed(signature, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8)), SECRET));
        assertFalse(WebhookReceiver.signedWith(signed(signature, BODY), "whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY"));
        assertFalse(WebhookReceiver.signedWith(signed("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", BODY), SECRET));
    }
}
