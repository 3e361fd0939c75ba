package org.intersession.platform.idempotency;

/**
 * A create made with an Idempotency-Key, and its answer for a retry: a row of {@code idempotent_request}. The key
 * belongs to its caller (clinic and token subject); each service keeps its own in its own database. Read and written
 * by plain SQL in {@link IdempotentRequests}, every statement naming the caller's clinic (the tenancy wall's
 * structural test checks it), so it is not an entity.
 */
public class IdempotentRequest {

    /** SHA-256 of the method, path and canonical JSON of the body: a retry is the same request by value. */
    public String requestHash;

    /** Null while the first request with the key is still running. */
    public Integer responseStatus;

    public String responseLocation;

    public String responseEtag;

    /** The JSON answered; null where it held a secret shown once ({@link IdempotentCreate#replay()}). */
    public String responseBody;
}
