package org.intersession.platform.event.assignment;

import java.util.UUID;

/** A clinic published a new version of one of its templates (built-in templates ship with the service). */
public record TemplateVersionPublished(UUID templateId, UUID clinicId, int version, String title, String category) {

    public static final String TYPE = "org.intersession.assignment.template-version-published.v1";
}
