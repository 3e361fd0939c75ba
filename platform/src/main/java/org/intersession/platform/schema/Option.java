package org.intersession.platform.schema;

import java.util.regex.Pattern;

/**
 * One choice of a single_choice or multi_choice field: {@code value} is what an answer holds and is stable across
 * template versions ({@code [a-z0-9_]{1,40}}, unique within the field); {@code label} is what the client reads.
 */
public record Option(String value, String label) {

    public static final Pattern VALUE = Pattern.compile("[a-z0-9_]{1,40}");
}
