package org.intersession.assignment.template;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Filter;
import org.intersession.platform.tenancy.SharedOrOwnClinic;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.intersession.platform.schema.FieldSchema;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One immutable version of a template. */
@Entity
@Filter(name = SharedOrOwnClinic.FILTER, condition = SharedOrOwnClinic.CONDITION)
@Table(name = "template_version")
@IdClass(TemplateVersion.Key.class)
public class TemplateVersion extends PanacheEntityBase {

    @Id
    @Column(name = "template_id")
    public UUID templateId;

    @Id
    public int version;

    /** Null for the built-in library. */
    @Column(name = "clinic_id", updatable = false)
    public UUID clinicId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "default_instructions")
    public String defaultInstructions;

    @Column(name = "default_rationale")
    public String defaultRationale;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "field_schema", nullable = false)
    public FieldSchema fieldSchema;

    @Column(name = "created_by")
    public UUID createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    public record Key(UUID templateId, int version) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }
}
