package org.intersession.assignment.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "session_review_item")
@IdClass(SessionReviewItem.Key.class)
public class SessionReviewItem extends PanacheEntityBase {

    @Id
    @ManyToOne
    @JoinColumn(name = "review_id")
    public SessionReview review;

    @Id
    @Column(name = "assignment_id")
    public UUID assignmentId;

    @TenantId
    @Column(name = "clinic_id", nullable = false, updatable = false)
    public UUID clinicId;

    @Column(nullable = false)
    public int quantity;

    @Column(nullable = false)
    public int quality;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReviewInput.Helped helped;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<ReviewInput.Barrier> barriers = new ArrayList<>();

    @Column(name = "barrier_notes")
    public String barrierNotes;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReviewInput.Decision decision;

    @Column(name = "therapist_notes")
    public String therapistNotes;

    public record Key(UUID review, UUID assignmentId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
