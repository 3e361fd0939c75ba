package org.intersession.platform.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.intersession.platform.web.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in template library is data that assignment-service ships, written in the schema language of this package,
 * so it is checked here. Surefire runs in the platform module's directory.
 */
class BuiltInTemplatesAreValidTest {

    private static final Path LIBRARY = Path.of("../assignment-service/src/main/resources/templates/builtin");
    private static final Set<String> SLUGS = Set.of("cbt-thought-record", "behavioural-activation-log", "graded-exposure",
            "dbt-diary-card", "dbt-skill-practice", "positive-cognition-log", "worry-time-log", "mindfulness-practice",
            "sleep-diary", "reflection-prompt", "task-checklist");
    // A plain ObjectMapper refuses unknown properties, so a misspelt property in a file fails here.
    /** As strict as the services' mapper, which reads these files at start-up. */
    private static final ObjectMapper MAPPER = StrictJson.apply(new ObjectMapper());

    /** The file's shape; limits for title and instructions are those of an assignment's. */
    record BuiltInTemplate(String slug, int version, String title, String description, String defaultInstructions,
                           String defaultRationale, String category, FieldSchema schema) {
    }

    static Stream<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(LIBRARY)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void theLibraryHoldsExactlyTheElevenTemplates() throws IOException {
        Set<String> names = files().map(p -> p.getFileName().toString().replaceFirst("\\.json$", ""))
                .collect(Collectors.toSet());

        assertEquals(SLUGS, names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyTemplateIsCompleteAndItsSchemaValid(Path file) throws IOException {
        BuiltInTemplate template = MAPPER.readValue(file.toFile(), BuiltInTemplate.class);

        assertEquals(file.getFileName().toString(), template.slug() + ".json");
        assertEquals(1, template.version());
        assertText(template.title(), 200, "title");
        assertText(template.description(), 500, "description");
        assertText(template.defaultInstructions(), 4000, "defaultInstructions");
        assertText(template.defaultRationale(), 2000, "defaultRationale");
        assertTrue(template.category() != null && template.category().matches("[a-z][a-z-]{0,39}"), "category");
        assertEquals(List.of(), SchemaValidator.validate(template.schema()));
    }

    @Test
    void diaryCardAlertsTheTherapistFromAnUrgeToSelfHarmOfFour() throws IOException {
        FieldSchema card = MAPPER.readValue(LIBRARY.resolve("dbt-diary-card.json").toFile(), BuiltInTemplate.class).schema();
        Map<String, Object> calm = Map.of("self_harm_urge", 3, "urge_to_use", 0, "urge_to_quit_therapy", 1,
                "emotions", List.of("sadness"), "skills_used", List.of("wise_mind", "distracting"));
        Map<String, Object> strong = Map.of("self_harm_urge", 4, "urge_to_use", 0, "urge_to_quit_therapy", 1);

        assertEquals(List.of(), AnswerValidator.validate(card, calm));
        assertEquals(List.of(), AnswerValidator.validate(card, strong));
        assertEquals(List.of(), AlertEvaluator.triggered(card, calm));
        assertEquals(List.of("self_harm_urge"),
                AlertEvaluator.triggered(card, strong).stream().map(TriggeredAlert::fieldKey).toList());
    }

    private static void assertText(String text, int maxLength, String name) {
        assertTrue(text != null && !text.isBlank() && text.length() <= maxLength,
                name + " must be present and at most " + maxLength + " characters");
    }
}
