package org.intersession.progress.access;

import org.intersession.platform.security.AccessRule;
import org.intersession.platform.security.Caller;

import static org.intersession.platform.security.AccessRule.allow;
import static org.intersession.platform.security.Role.CLIENT;
import static org.intersession.platform.security.Role.CLINIC_ADMIN;
import static org.intersession.platform.security.Role.THERAPIST;

/** The access matrix of progress-service. Only clients log their own progress; API clients never do. */
public enum ProgressOperation {
    RECORD_PROGRESS(allow(null, CLIENT)),
    READ_PROGRESS(allow("progress:read", CLINIC_ADMIN, THERAPIST, CLIENT)),
    READ_ADHERENCE(allow("progress:read", CLINIC_ADMIN, THERAPIST, CLIENT)),
    READ_CASELOAD(allow(null, THERAPIST)),
    READ_SUMMARY(allow("progress:read", CLINIC_ADMIN, THERAPIST));

    private final AccessRule rule;

    ProgressOperation(AccessRule rule) {
        this.rule = rule;
    }

    public void require(Caller caller) {
        rule.require(caller);
    }

    public AccessRule rule() {
        return rule;
    }
}
