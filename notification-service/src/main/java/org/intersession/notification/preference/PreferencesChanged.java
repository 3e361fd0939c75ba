package org.intersession.notification.preference;

import java.util.UUID;

/** Fired inside the transaction that saved a user's preferences, so that what was planned from them follows. */
public record PreferencesChanged(UUID userId, UUID clinicId) {
}
