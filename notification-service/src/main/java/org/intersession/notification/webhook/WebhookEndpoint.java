package org.intersession.notification.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A clinic's webhook receiver: where to send which event types, and the (encrypted) secrets that sign them. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    /**
     * How a delivery is framed over HTTP. Both send the CloudEvent in its JSON format as the body; {@code
     * CLOUDEVENTS_STRUCTURED} labels it {@code application/cloudevents+json} (CloudEvents HTTP protocol binding 1.0,
     * structured mode), so CloudEvents SDKs read it as an event; {@code JSON} labels it {@code application/json}.
     */
    public enum ContentMode {
        JSON("application/json"),
        CLOUDEVENTS_STRUCTURED("application/cloudevents+json; charset=UTF-8");

        private final String contentType;

        ContentMode(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    @Id
    public UUID id;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(nullable = false)
    public String url;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes = new ArrayList<>();

    public String description;

    @Column(name = "content_mode", nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public ContentMode contentMode = ContentMode.JSON;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(nullable = false)
    public byte[] secret;

    @Column(name = "previous_secret")
    public byte[] previousSecret;

    @Column(name = "previous_secret_expires_at")
    public OffsetDateTime previousSecretExpiresAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Counts every change of the row, for the endpoint's ETag. */
    @Version
    public long version;
}
