package org.intersession.platform.web;

import org.intersession.platform.problem.ApiProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorTest {

    @Test
    void aKeysetCursorComesBackAsItWasMade() {
        Cursor cursor = new Cursor(OffsetDateTime.parse("2026-03-29T20:15:00+02:00"), UUID.randomUUID());
        assertEquals(cursor, Cursor.decode(cursor.encode()));
        assertNull(Cursor.decode(null));
        assertNull(Cursor.decode(""));
    }

    @Test
    void anyPositionTravelsThroughTheOneCodec() {
        Instant due = Instant.parse("2026-03-29T18:00:00Z");
        assertEquals(due, Cursor.position(Cursor.opaque(due.toString()), Instant::parse));
        assertEquals(Integer.valueOf(40), Cursor.position(Cursor.opaque("40"), Integer::parseInt));
    }

    @Test
    void aCursorThisApiDidNotMakeIsA400NamingCursor() {
        for (String forged : new String[] {"not base64!", Cursor.opaque("2026-03-29"), Cursor.opaque("x|y")}) {
            ApiProblemException refused = assertThrows(ApiProblemException.class, () -> Cursor.decode(forged), forged);
            assertEquals(400, refused.status());
            assertEquals("cursor", refused.fieldErrors().get(0).field());
        }
        assertEquals(400, assertThrows(ApiProblemException.class,
                () -> Cursor.position(Cursor.opaque("soon"), Instant::parse)).status());
    }
}
