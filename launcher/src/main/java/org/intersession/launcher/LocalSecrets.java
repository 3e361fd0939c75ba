package org.intersession.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Secrets of a local run: made from random bytes on the first run and kept, owner-readable only, with its data. */
final class LocalSecrets {

    private LocalSecrets() {
    }

    static String readOrCreate(Path file, int randomBytes, Base64.Encoder encoder) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        Files.createDirectories(file.getParent());
        byte[] random = new byte[randomBytes];
        new SecureRandom().nextBytes(random);
        String secret = encoder.encodeToString(random);
        Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        Launcher.ownerOnly(file);
        return secret;
    }
}
