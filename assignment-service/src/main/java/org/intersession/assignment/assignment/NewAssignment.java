package org.intersession.assignment.assignment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * What a therapist asks of a client.
 *
 * @param therapistId only for API clients, which assign on behalf of a named therapist; a therapist assigns as themself
 */
public record NewAssignment(
        @NotNull UUID clientId,
        UUID therapistId,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 4000) String instructions) {
}
