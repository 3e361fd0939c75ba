package org.intersession.progress;

import io.quarkus.test.junit.QuarkusTest;
import org.intersession.testing.HttpEdgeChecks;
import org.intersession.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

/** Errors answered below the REST resources are problems too (issue 18, finding 9). */
@QuarkusTest
class ProblemDetailsTest {

    @Test
    void everyHttpLimitIsAnsweredAsAProblem() {
        HttpEdgeChecks.everyLimitIsAnsweredAsAProblem("/api/v1/progress-entries", TestTokens.client(UUID.randomUUID(), UUID.randomUUID()));
    }
}
