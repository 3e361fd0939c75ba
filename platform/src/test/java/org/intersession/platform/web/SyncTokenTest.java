package org.intersession.platform.web;

import org.intersession.platform.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncTokenTest {

    private static final String FILTER = "clientId=" + UUID.randomUUID();

    @Test
    void aTokenComesBackAsTheSamePositionForTheSameFeedAndFilter() {
        String after = UUID.randomUUID() + "/2026-11-24T20:00";
        SyncToken token = new SyncToken("occurrences", FILTER, 987_654_321_012L, after);
        assertEquals(token, SyncToken.decode(token.encode(), "occurrences", FILTER));
        SyncToken atStart = new SyncToken("occurrences", FILTER, 42, null);
        assertEquals(atStart, SyncToken.decode(atStart.encode(), "occurrences", FILTER));
        // fits the 200 characters the feeds accept for since
        assertTrue(token.encode().length() <= 200, token.encode());
    }

    @Test
    void noTokenStartsAtTheBeginning() {
        for (String none : new String[] {null, ""}) {
            SyncToken start = SyncToken.decode(none, "progress-entries", FILTER);
            assertEquals(0, start.xid());
            assertNull(start.after());
        }
    }

    @Test
    void aTokenOfAnotherFeedOrFilterOrNotATokenIsA400OnSince() {
        String token = new SyncToken("progress-entries", FILTER, 7, UUID.randomUUID().toString()).encode();
        String forged = Base64.getUrlEncoder().encodeToString("s1|progress-entries|0|-5|".getBytes(StandardCharsets.UTF_8));
        for (Runnable wrong : List.<Runnable>of(
                () -> SyncToken.decode(token, "assignments", FILTER),
                () -> SyncToken.decode(token, "progress-entries", "clientId=" + UUID.randomUUID()),
                () -> SyncToken.decode("not a token!", "progress-entries", FILTER),
                () -> SyncToken.decode(Base64.getUrlEncoder().encodeToString("s1|x".getBytes(StandardCharsets.UTF_8)), "x", FILTER),
                () -> SyncToken.decode(forged, "progress-entries", ""))) {
            ApiProblemException refused = assertThrows(ApiProblemException.class, wrong::run);
            assertEquals(400, refused.status());
            assertEquals("since", refused.fieldErrors().get(0).field());
        }
    }
}
