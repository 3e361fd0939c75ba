package org.intersession.platform.web;

import jakarta.ws.rs.core.Response;
import org.intersession.platform.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ETagsTest {

    @Test
    void theCurrentVersionMatchesAlsoInAListOrAsAStar() {
        assertTrue(ETags.matches("\"3\"", 3));
        assertTrue(ETags.matches(" \"1\" , \"3\"", 3));
        assertTrue(ETags.matches("*", 7));
        assertFalse(ETags.matches("\"2\"", 3));
        assertFalse(ETags.matches("3", 3), "an unquoted value is not an entity-tag");
        assertFalse(ETags.matches("W/\"3\"", 3), "If-Match compares strongly: a weak tag never matches");
    }

    @Test
    void aMissingIfMatchIsA428NamingTheHeader() {
        ApiProblemException problem = assertThrows(ApiProblemException.class, () -> ETags.requireMatch(null, 1, "template"));
        assertEquals(428, problem.status());
        assertEquals("If-Match", problem.fieldErrors().get(0).field());
        assertEquals(428, assertThrows(ApiProblemException.class, () -> ETags.requireMatch(" ", 1, "template")).status());
    }

    @Test
    void aStaleIfMatchIsA412NamingTheHeader() {
        ApiProblemException problem = assertThrows(ApiProblemException.class, () -> ETags.requireMatch("\"1\"", 2, "user"));
        assertEquals(412, problem.status());
        assertEquals("If-Match", problem.fieldErrors().get(0).field());
        ETags.requireMatch("\"2\"", 2, "user");
    }

    @Test
    void anUpsertNeedsIfMatchOnlyOnceStoredButChecksOneSentBefore() {
        ETags.requireMatchOnceStored(null, 0, false, "preferences");
        ETags.requireMatchOnceStored("\"0\"", 0, false, "preferences");
        assertEquals(412, assertThrows(ApiProblemException.class,
                () -> ETags.requireMatchOnceStored("\"4\"", 0, false, "preferences")).status());
        assertEquals(428, assertThrows(ApiProblemException.class,
                () -> ETags.requireMatchOnceStored(null, 1, true, "preferences")).status());
        ETags.requireMatchOnceStored("\"1\"", 1, true, "preferences");
    }

    @Test
    void answersCarryTheVersionAsAStrongETag() {
        try (Response response = ETags.ok(new Versioned<>("body", 5))) {
            assertEquals("\"5\"", response.getHeaderString("ETag"));
            assertEquals(200, response.getStatus());
        }
    }
}
