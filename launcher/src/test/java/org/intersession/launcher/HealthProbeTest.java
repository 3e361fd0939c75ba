package org.intersession.launcher;

import org.intersession.infra.MailServer;
import org.intersession.infra.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthProbeTest {

    @Test
    void aRealSmtpServerIsHealthyAndAClosedPortIsNot(@TempDir Path mailbox) throws IOException {
        try (MailServer mail = MailServer.start(mailbox, 0)) {
            HealthProbe.Check check = HealthProbe.smtp(mail.port());
            assertTrue(check.healthy(), check.detail());
            assertEquals("greets with 220", check.detail());
        }
        int closed = Ports.free();
        assertFalse(HealthProbe.smtp(closed).healthy());
        assertFalse(HealthProbe.kafka(closed).healthy());
        assertFalse(HealthProbe.postgres(closed).healthy());
        assertFalse(HealthProbe.service("gateway", "http://localhost:" + closed).healthy());
    }
}
