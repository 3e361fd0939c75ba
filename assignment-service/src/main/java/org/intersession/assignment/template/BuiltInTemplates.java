package org.intersession.assignment.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.intersession.platform.schema.FieldSchema;
import org.intersession.platform.schema.SchemaValidator;
import org.intersession.platform.tenancy.Tenancy;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Seeds the built-in template library from the data files in templates/builtin at start-up. Each (slug, version)
 * is inserted once; instances starting together do not collide, and a new version in a file is added next to the
 * old ones, which assignments may still pin.
 */
@ApplicationScoped
public class BuiltInTemplates {

    private static final Logger LOG = Logger.getLogger(BuiltInTemplates.class);
    /** The library's files; listed here because a jar cannot be listed portably. */
    static final List<String> SLUGS = List.of("cbt-thought-record", "behavioural-activation-log", "graded-exposure",
            "dbt-diary-card", "dbt-skill-practice", "positive-cognition-log", "worry-time-log", "mindfulness-practice",
            "sleep-diary", "reflection-prompt", "task-checklist");

    private final EntityManager em;
    private final ObjectMapper mapper;

    BuiltInTemplates(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** A built-in template's id is derived from its slug, so every instance and every database agrees on it. */
    public static UUID idOf(String slug) {
        return UUID.nameUUIDFromBytes(("intersession:builtin-template:" + slug).getBytes(StandardCharsets.UTF_8));
    }

    void seed(@Observes StartupEvent start) {
        for (String slug : SLUGS) {
            JsonNode file = read(slug);
            FieldSchema schema = mapper.convertValue(file.get("schema"), FieldSchema.class);
            if (!SchemaValidator.validate(schema).isEmpty()) {
                throw new IllegalStateException("built-in template " + slug + " has an invalid schema");
            }
            // the library is every clinic's and no clinic's own
            Tenancy.withoutClinic(() -> QuarkusTransaction.requiringNew().run(() -> insert(slug, file, schema)));
        }
        LOG.infof("built-in template library: %d templates", SLUGS.size());
    }

    private void insert(String slug, JsonNode file, FieldSchema schema) {
        UUID id = idOf(slug);
        int version = file.get("version").asInt();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.createNativeQuery("""
                        insert into template (id, clinic_id, slug, category, status, current_version, created_at, updated_at)
                        values (:id, null, :slug, :category, 'ACTIVE', :version, :now, :now)
                        on conflict (id) do update set current_version = greatest(template.current_version, excluded.current_version)""")
                .setParameter("id", id).setParameter("slug", slug).setParameter("category", file.get("category").asText())
                .setParameter("version", version).setParameter("now", now)
                .executeUpdate();
        em.createNativeQuery("""
                        insert into template_version (template_id, version, title, description, default_instructions,
                                                      default_rationale, field_schema, created_at)
                        values (:id, :version, :title, :description, :instructions, :rationale, cast(:schema as jsonb), :now)
                        on conflict do nothing""")
                .setParameter("id", id).setParameter("version", version)
                .setParameter("title", file.get("title").asText())
                .setParameter("description", file.path("description").asText(null))
                .setParameter("instructions", file.path("defaultInstructions").asText(null))
                .setParameter("rationale", file.path("defaultRationale").asText(null))
                .setParameter("schema", file.get("schema").toString())
                .setParameter("now", now)
                .executeUpdate();
    }

    private JsonNode read(String slug) {
        try (InputStream in = BuiltInTemplates.class.getResourceAsStream("/templates/builtin/" + slug + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing built-in template file " + slug + ".json");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
