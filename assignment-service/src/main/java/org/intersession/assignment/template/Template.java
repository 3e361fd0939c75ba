package org.intersession.assignment.template;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Filter;
import org.intersession.platform.tenancy.SharedOrOwnClinic;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A template; its content lives in {@link TemplateVersion}s. Built-in templates have no clinic and cannot be edited. */
@Entity
@Filter(name = SharedOrOwnClinic.FILTER, condition = SharedOrOwnClinic.CONDITION)
@Table(name = "template")
public class Template extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "clinic_id")
    public UUID clinicId;

    @Column(nullable = false)
    public String slug;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false)
    public String status;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Counts every change of the row (edits and archiving), for the ETag; {@link #currentVersion} counts content. */
    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    public boolean isBuiltIn() {
        return clinicId == null;
    }
}
