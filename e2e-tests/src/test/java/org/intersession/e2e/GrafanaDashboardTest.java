package org.intersession.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/grafana/intersession-dashboard.json imports as is (a Prometheus data source asked for on import) and charts
 * only meters that docs/self-hosting.md lists under "Meters", so the two cannot drift apart.
 */
class GrafanaDashboardTest {

    private static final Path HOME = Path.of(System.getProperty("intersession.home", "..")).toAbsolutePath().normalize();
    private static final Pattern OWN_METER = Pattern.compile("intersession_[a-z_]+");

    @Test
    void theDashboardChartsOnlyDocumentedMetersFromAPrometheusChosenOnImport() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(HOME.resolve("deploy/grafana/intersession-dashboard.json").toFile());
        assertEquals("prometheus", dashboard.at("/__inputs/0/pluginId").asText());
        String source = "${" + dashboard.at("/__inputs/0/name").asText() + "}";
        String guide = Files.readString(HOME.resolve("docs/self-hosting.md"));
        String meters = guide.substring(guide.indexOf("### Meters"));

        Set<String> charted = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            ids.add(panel.get("id").asText());
            assertEquals(source, panel.at("/datasource/uid").asText(), panel.get("title").asText());
            for (JsonNode target : panel.get("targets")) {
                Matcher own = OWN_METER.matcher(target.get("expr").asText());
                while (own.find()) {
                    charted.add(own.group());
                }
            }
        }
        assertEquals(ids.size(), Set.copyOf(ids).size(), "panel ids are unique");
        assertFalse(charted.isEmpty());
        for (String meter : charted) {
            assertTrue(meters.contains("`" + meter), meter + " is charted but not listed in docs/self-hosting.md, Meters");
        }
    }
}
