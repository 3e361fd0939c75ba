package org.intersession.assignment.access;

import org.intersession.platform.security.AccessRule;
import org.intersession.platform.security.Caller;

import static org.intersession.platform.security.AccessRule.allow;
import static org.intersession.platform.security.Role.CLIENT;
import static org.intersession.platform.security.Role.CLINIC_ADMIN;
import static org.intersession.platform.security.Role.THERAPIST;

/**
 * The access matrix of assignment-service: who may call each operation at all. Which assignments they then reach
 * is narrowed in the queries: a client their own, a therapist their care team's, an admin the clinic's.
 */
public enum AssignmentOperation {
    CREATE_ASSIGNMENT(allow("assignments:write", THERAPIST)),
    READ_ASSIGNMENT(allow("assignments:read", CLINIC_ADMIN, THERAPIST, CLIENT)),
    UPDATE_ASSIGNMENT(allow("assignments:write", THERAPIST)),
    ACKNOWLEDGE_ASSIGNMENT(allow(null, CLIENT)),
    CHANGE_ASSIGNMENT_STATUS(allow("assignments:write", THERAPIST)),
    RECORD_REVIEW(allow(null, THERAPIST)),
    READ_TEMPLATES(allow("assignments:read", CLINIC_ADMIN, THERAPIST)),
    WRITE_TEMPLATES(allow("templates:write", CLINIC_ADMIN, THERAPIST)),
    READ_REVIEWS(allow("reviews:read", CLINIC_ADMIN, THERAPIST, CLIENT));

    private final AccessRule rule;

    AssignmentOperation(AccessRule rule) {
        this.rule = rule;
    }

    public void require(Caller caller) {
        rule.require(caller);
    }

    public AccessRule rule() {
        return rule;
    }
}
