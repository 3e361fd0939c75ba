package org.intersession.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.intersession.platform.schema.AlertEvaluator;
import org.intersession.platform.schema.AnswerValidator;
import org.intersession.platform.schema.FieldSchema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's answers, checked by the platform's own validator against every built-in template. */
class AnswerSheetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path BUILT_IN = Path.of(System.getProperty("intersession.home", ".."))
            .resolve("assignment-service/src/main/resources/templates/builtin");

    private static List<JsonNode> templates() throws IOException {
        try (Stream<Path> files = Files.list(BUILT_IN)) {
            List<JsonNode> all = files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return JSON.readTree(f.toFile());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertFalse(all.isEmpty(), "no built-in templates in " + BUILT_IN.toAbsolutePath());
            return all;
        }
    }

    @Test
    void answersToEveryBuiltInTemplateAreValidAtEveryDistress() throws IOException {
        for (JsonNode template : templates()) {
            FieldSchema schema = JSON.treeToValue(template.path("schema"), FieldSchema.class);
            for (double distress : new double[] {0, 0.5, 1}) {
                Map<String, Object> answers = AnswerSheet.answers(template.path("schema").path("fields"), distress, null);
                assertEquals(List.of(), AnswerValidator.validate(schema, answers), template.path("slug") + " at " + distress);
                assertTrue(AlertEvaluator.triggered(schema, answers).isEmpty(), template.path("slug") + " raised an alert at " + distress);
            }
        }
    }

    @Test
    void theFlaggedAnswerCrossesItsFieldsAlertAndOnlyThat() throws IOException {
        JsonNode diaryCard = templates().stream().filter(t -> t.path("slug").asText().equals("dbt-diary-card")).findFirst().orElseThrow();
        FieldSchema schema = JSON.treeToValue(diaryCard.path("schema"), FieldSchema.class);
        Map<String, Object> answers = AnswerSheet.answers(diaryCard.path("schema").path("fields"), 0.9, "self_harm_urge");
        assertEquals(List.of(), AnswerValidator.validate(schema, answers));
        assertEquals(List.of("self_harm_urge"), AlertEvaluator.triggered(schema, answers).stream().map(a -> a.fieldKey()).toList());
    }
}
