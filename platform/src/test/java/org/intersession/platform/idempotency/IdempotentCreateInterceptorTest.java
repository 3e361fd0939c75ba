package org.intersession.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.intersession.platform.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotentCreateInterceptorTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aRetryIsTheSameRequestWhateverTheOrderOfItsMembersOrHowItsNumbersAreWritten() throws Exception {
        Object first = mapper.readTree("{\"title\":\"Log\",\"bounds\":{\"min\":0,\"max\":10}}");
        Object retry = mapper.readTree("{\"bounds\":{\"max\":10.0,\"min\":0},\"title\":\"Log\"}");
        assertEquals(IdempotentCreateInterceptor.hash(mapper, "POST", "/api/v1/templates", List.of(first)),
                IdempotentCreateInterceptor.hash(mapper, "POST", "/api/v1/templates", List.of(retry)));
    }

    @Test
    void anotherBodyOrAnotherPathIsAnotherRequest() throws Exception {
        Object body = mapper.readTree("{\"title\":\"Log\"}");
        String hash = IdempotentCreateInterceptor.hash(mapper, "POST", "/api/v1/templates", List.of(body));
        assertNotEquals(hash, IdempotentCreateInterceptor.hash(mapper, "POST", "/api/v1/templates",
                List.of(mapper.readTree("{\"title\":\"Log 2\"}"))));
        assertNotEquals(hash, IdempotentCreateInterceptor.hash(mapper, "POST", "/api/v1/reviews", List.of(body)));
    }

    @Test
    void keysAreOneTo200VisibleAsciiCharacters() {
        assertTrue(IdempotentCreateInterceptor.VALID_KEY.matcher("0f8fad5b-d9cb-469f-a165-70867728950e").matches());
        assertTrue(IdempotentCreateInterceptor.VALID_KEY.matcher("x".repeat(200)).matches());
        assertFalse(IdempotentCreateInterceptor.VALID_KEY.matcher("x".repeat(201)).matches());
        assertFalse(IdempotentCreateInterceptor.VALID_KEY.matcher("").matches());
        assertFalse(IdempotentCreateInterceptor.VALID_KEY.matcher("two words").matches());
        assertFalse(IdempotentCreateInterceptor.VALID_KEY.matcher("clé").matches());
    }

    @Test
    void aStoredAnswerIsReplayedWithItsStatusHeadersAndBody() {
        IdempotentRequest earlier = stored(201, "{\"id\":\"a\"}");
        try (Response again = IdempotentCreateInterceptor.answerAgain(earlier)) {
            assertEquals(201, again.getStatus());
            assertEquals("https://api.test/api/v1/templates/a", again.getHeaderString("Location"));
            assertEquals("\"0\"", again.getHeaderString("ETag"));
            assertEquals("true", again.getHeaderString("Idempotent-Replayed"));
            assertEquals("{\"id\":\"a\"}", again.getEntity());
        }
    }

    @Test
    void anAnswerWithAOneTimeSecretIsNotRepeatedButNamesWhatWasCreated() {
        ApiProblemException refused = assertThrows(ApiProblemException.class,
                () -> IdempotentCreateInterceptor.answerAgain(stored(201, null)));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("https://api.test/api/v1/templates/a"), refused.getMessage());
    }

    private static IdempotentRequest stored(int status, String body) {
        IdempotentRequest earlier = new IdempotentRequest();
        earlier.responseStatus = status;
        earlier.responseLocation = "https://api.test/api/v1/templates/a";
        earlier.responseEtag = "\"0\"";
        earlier.responseBody = body;
        return earlier;
    }
}
