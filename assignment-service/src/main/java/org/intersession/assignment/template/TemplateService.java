package org.intersession.assignment.template;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.platform.event.Topics;
import org.intersession.platform.event.assignment.TemplateVersionPublished;
import org.intersession.platform.outbox.Outbox;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.problem.Problem;
import org.intersession.platform.schema.SchemaValidator;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.Cursor;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Page;
import org.intersession.platform.web.Versioned;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static org.intersession.assignment.access.AssignmentOperation.READ_TEMPLATES;
import static org.intersession.assignment.access.AssignmentOperation.WRITE_TEMPLATES;

/** The built-in library and each clinic's own templates. A caller sees the built-ins and their clinic's, nothing else. */
@ApplicationScoped
public class TemplateService {

    private final Outbox outbox;

    TemplateService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public Page<TemplateView> list(Caller caller, String category, boolean includeArchived, int limit, Cursor after) {
        READ_TEMPLATES.require(caller);
        // the built-ins and the caller's clinic's own: the tenancy wall's filter (SharedOrOwnClinic)
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (category != null) {
            query.append(" and category = :category");
            params.and("category", category);
        }
        if (!includeArchived) {
            query.append(" and status = 'ACTIVE'");
        }
        if (after != null) {
            query.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            params.and("at", after.at()).and("id", after.id());
        }
        List<Template> rows = Template.<Template>find(query.toString(), Sort.ascending("createdAt", "id"), params).range(0, limit).list();
        return Page.of(rows, limit, t -> new Cursor(t.createdAt, t.id), t -> TemplateView.of(t, version(t.id, t.currentVersion)));
    }

    /** The template at its current version, with the row version its ETag is made from. */
    @Transactional
    public Optional<Versioned<TemplateView>> find(Caller caller, UUID id) {
        READ_TEMPLATES.require(caller);
        return visible(caller, id).map(t -> tagged(t, version(t.id, t.currentVersion)));
    }

    /** The template as it was at one version; a version is kept forever because assignments pin it. */
    @Transactional
    public Optional<TemplateView> find(Caller caller, UUID id, int version) {
        READ_TEMPLATES.require(caller);
        return visible(caller, id).flatMap(t -> TemplateVersion.<TemplateVersion>findByIdOptional(new TemplateVersion.Key(t.id, version))
                .map(v -> TemplateView.of(t, v)));
    }

    @Transactional
    public Versioned<TemplateView> create(Caller caller, @NotNull @Valid TemplateInput input) {
        WRITE_TEMPLATES.require(caller);
        validSchema(input);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Template template = new Template();
        template.id = UUID.randomUUID();
        template.clinicId = caller.clinicId();
        template.slug = slug(input.title()) + "-" + template.id.toString().substring(0, 8);
        template.category = input.category();
        template.status = "ACTIVE";
        template.currentVersion = 1;
        template.createdAt = now;
        template.updatedAt = now;
        template.persist();
        return publish(template, newVersion(caller, template, input));
    }

    /** Every edit makes a new version; assignments made from an older one keep it. Needs If-Match: no edit is lost. */
    @Transactional
    public Versioned<TemplateView> update(Caller caller, UUID id, String ifMatch, @NotNull @Valid TemplateInput input) {
        WRITE_TEMPLATES.require(caller);
        Template template = editable(caller, id);
        ETags.requireMatch(ifMatch, template.rowVersion, "template");
        validSchema(input);
        template.currentVersion++;
        template.category = input.category();
        template.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return publish(template, newVersion(caller, template, input));
    }

    @Transactional
    public Versioned<TemplateView> archive(Caller caller, UUID id) {
        WRITE_TEMPLATES.require(caller);
        Template template = editable(caller, id);
        template.status = "ARCHIVED";
        template.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return tagged(template, version(template.id, template.currentVersion));
    }

    /** For a new assignment: the template's current version, which the assignment then pins. */
    @Transactional(Transactional.TxType.MANDATORY)
    public TemplateVersion currentVersionFor(Caller caller, UUID id) {
        Template template = visible(caller, id).filter(t -> t.status.equals("ACTIVE"))
                .orElseThrow(() -> ApiProblemException.invalidField("templateId", "no active template with this id"));
        return version(template.id, template.currentVersion);
    }

    private Optional<Template> visible(Caller caller, UUID id) {
        return Template.findByIdOptional(id);
    }

    private Template editable(Caller caller, UUID id) {
        Template template = visible(caller, id).orElseThrow(() -> ApiProblemException.notFound("Template"));
        if (template.isBuiltIn()) {
            throw ApiProblemException.conflict("Built-in templates are read-only; create a clinic template instead");
        }
        return template;
    }

    private static TemplateVersion newVersion(Caller caller, Template template, TemplateInput input) {
        TemplateVersion version = new TemplateVersion();
        version.templateId = template.id;
        version.clinicId = template.clinicId;
        version.version = template.currentVersion;
        version.title = input.title().strip();
        version.description = input.description();
        version.defaultInstructions = input.defaultInstructions();
        version.defaultRationale = input.defaultRationale();
        version.fieldSchema = input.schema();
        version.createdBy = caller.id();
        version.createdAt = template.updatedAt;
        version.persist();
        return version;
    }

    private Versioned<TemplateView> publish(Template template, TemplateVersion version) {
        outbox.append(Topics.ASSIGNMENT, template.id.toString(), TemplateVersionPublished.TYPE,
                "templates/" + template.id + "/versions/" + version.version,
                new TemplateVersionPublished(template.id, template.clinicId, version.version, version.title, template.category));
        return tagged(template, version);
    }

    /** Flushed first, so that the ETag is the version the row now has. */
    private static Versioned<TemplateView> tagged(Template template, TemplateVersion version) {
        template.flush();
        return new Versioned<>(TemplateView.of(template, version), template.rowVersion);
    }

    private static TemplateVersion version(UUID templateId, int version) {
        return TemplateVersion.findById(new TemplateVersion.Key(templateId, version));
    }

    private static void validSchema(TemplateInput input) {
        List<Problem.FieldError> errors = SchemaValidator.validate(input.schema()).stream()
                .map(e -> new Problem.FieldError("schema." + e.field(), e.message())).toList();
        if (!errors.isEmpty()) {
            throw new ApiProblemException(400, "Invalid value for: schema", errors);
        }
    }

    private static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        slug = slug.isEmpty() || !Character.isLetter(slug.charAt(0)) ? "template" : slug;
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }
}
