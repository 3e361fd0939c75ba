package org.intersession.assignment.assignment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Something that may get in the way, troubleshot in advance with a plan for coping with it. */
public record Obstacle(@NotBlank @Size(max = 500) String obstacle, @Size(max = 1000) String copingPlan) {
}
