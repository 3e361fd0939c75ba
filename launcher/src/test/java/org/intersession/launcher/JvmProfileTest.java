package org.intersession.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmProfileTest {

    @Test
    void nativeHeapTrimmingIsAskedOnlyOfJavasThatKnowTheOption() {
        assertFalse(JvmProfile.trimsNativeHeap(Runtime.Version.parse("17.0.8")));
        assertTrue(JvmProfile.trimsNativeHeap(Runtime.Version.parse("17.0.9")));
        assertFalse(JvmProfile.trimsNativeHeap(Runtime.Version.parse("19.0.2")));
        assertFalse(JvmProfile.trimsNativeHeap(Runtime.Version.parse("21")));
        assertTrue(JvmProfile.trimsNativeHeap(Runtime.Version.parse("21.0.1")));
        assertTrue(JvmProfile.trimsNativeHeap(Runtime.Version.parse("25")));
    }

    @Test
    void thisJavaStartsWithEveryOptionOfBothProfiles(@TempDir Path app) throws Exception {
        Path jar = app.resolve("quarkus-run.jar");
        Files.createFile(jar);
        for (JvmProfile profile : JvmProfile.values()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(profile.options(jar));
            command.add("-version");
            Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(java.getInputStream().readAllBytes());
            assertTrue(java.waitFor(60, TimeUnit.SECONDS), profile + " did not exit");
            assertEquals(0, java.exitValue(), profile + ": " + command + "\n" + output);
            assertEquals(JvmProfile.trimsNativeHeap(Runtime.version()), command.containsAll(JvmProfile.TRIM_NATIVE_HEAP), profile.name());
        }
    }
}
