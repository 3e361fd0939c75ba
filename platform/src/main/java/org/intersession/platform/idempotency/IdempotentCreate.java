package org.intersession.platform.idempotency;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method that creates: it honours an {@code Idempotency-Key} header (IETF Idempotency-Key draft), the
 * one convention of every create (docs/api-guide.md, "Conventions"). See {@link IdempotentCreateInterceptor}.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IdempotentCreate {

    /** The Idempotency-Key of a create whose answer holds a secret shown once ({@code replay = false}), for its document. */
    String NOT_REPLAYED = "Makes a retry safe (IETF Idempotency-Key draft): the same key and body do not create again, but since "
            + "the answer holds a secret shown only once, it is not repeated: the retry is a 409 naming what was created. "
            + "The same key with another body is a 422. Keys belong to the caller and are kept 24 hours.";

    /** Why such a create may answer 409, to append to its own reasons. */
    String NOT_REPLAYED_CONFLICT = "A request with this Idempotency-Key is still being processed, or was done already "
            + "(its answer held a secret shown only once, so it is not repeated).";

    /**
     * False where the answer carries a secret shown only once: it is never stored, so a retry is not answered again
     * but told, as a 409, that the earlier request created the resource.
     */
    @Nonbinding boolean replay() default true;
}
