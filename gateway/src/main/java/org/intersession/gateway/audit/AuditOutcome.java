package org.intersession.gateway.audit;

/** How a request ended, from the status the caller received. */
public enum AuditOutcome {
    SUCCESS,
    /** 401, 403, and 404: services answer 404 for records the caller may not see, and do not tell which it was. */
    DENIED,
    /** Any other 4xx: the request was refused as malformed, conflicting or too large. */
    INVALID,
    /** 5xx: the request could not be served. */
    FAILED,
    /**
     * The request was forwarded (or the gateway's endpoint ran) but its answer could not be recorded, so the change
     * may or may not have been applied; written by {@link AuditIntentSweeper} from the request's intent, without a status.
     */
    UNCONFIRMED;

    public static AuditOutcome of(int status) {
        if (status < 400) {
            return SUCCESS;
        }
        if (status == 401 || status == 403 || status == 404) {
            return DENIED;
        }
        return status < 500 ? INVALID : FAILED;
    }
}
