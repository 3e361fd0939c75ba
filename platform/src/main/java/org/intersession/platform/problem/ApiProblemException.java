package org.intersession.platform.problem;

import java.util.List;
import java.util.Map;

/** A business-rule failure with its HTTP status, turned into a problem response by {@link ProblemMappers}. */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> fieldErrors;

    public ApiProblemException(int status, String detail) {
        this(status, detail, List.of());
    }

    public ApiProblemException(int status, String detail, List<Problem.FieldError> fieldErrors) {
        super(detail, null, false, false);
        this.status = status;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** Absent, or not visible to the caller: tenancy never reveals whether another clinic's id exists. */
    public static ApiProblemException notFound(String what) {
        return new ApiProblemException(404, what + " not found");
    }

    public static ApiProblemException invalidField(String field, String message) {
        return new ApiProblemException(400, "Invalid value for: " + field, List.of(new Problem.FieldError(field, message)));
    }

    public static ApiProblemException conflict(String detail) {
        return new ApiProblemException(409, detail);
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Response headers that belong to this problem, such as Retry-After on a 429. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
