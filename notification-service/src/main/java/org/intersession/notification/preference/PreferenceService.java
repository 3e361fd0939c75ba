package org.intersession.notification.preference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.intersession.notification.digest.TherapistDigests;
import org.intersession.platform.identity.IdentityReplica;
import org.intersession.platform.problem.ApiProblemException;
import org.intersession.platform.security.Caller;
import org.intersession.platform.web.ETags;
import org.intersession.platform.web.Versioned;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.intersession.notification.access.NotificationOperation.READ_OWN_INBOX;

/** The caller's own preferences; a user who never chose has the defaults (in-app only, each completion, 18:00 digest, no details in emails). */
@ApplicationScoped
public class PreferenceService {

    static final PreferencesInput DEFAULTS = new PreferencesInput(List.of(PreferencesInput.Channel.IN_APP), null, null,
            PreferencesInput.CompletionDelivery.EACH, LocalTime.of(18, 0), null, null, false, "UTC");
    private static final long DEFAULTS_VERSION = 0;

    private final IdentityReplica identity;
    private final TherapistDigests digests;
    private final Event<PreferencesChanged> changed;

    PreferenceService(IdentityReplica identity, TherapistDigests digests, Event<PreferencesChanged> changed) {
        this.identity = identity;
        this.digests = digests;
        this.changed = changed;
    }

    @Transactional
    public Versioned<PreferencesInput> get(Caller caller) {
        READ_OWN_INBOX.require(caller);
        NotificationPreference stored = NotificationPreference.findById(caller.id());
        if (stored == null || !stored.clinicId.equals(caller.clinicId())) {
            return new Versioned<>(new PreferencesInput(DEFAULTS.channels(), null, null, DEFAULTS.completionDelivery(),
                    DEFAULTS.dailyDigestTime(), null, null, false, defaultZone(caller)), DEFAULTS_VERSION);
        }
        return new Versioned<>(view(stored, caller), etagVersion(stored));
    }

    /**
     * An upsert of the caller's singleton: the first PUT needs no If-Match (there is nothing to have read), every later
     * one needs the ETag of the stored preferences, so that two devices do not overwrite each other unseen.
     */
    @Transactional
    public Versioned<PreferencesInput> put(Caller caller, String ifMatch, @NotNull @Valid PreferencesInput input) {
        READ_OWN_INBOX.require(caller);
        if ((input.quietHoursStart() == null) != (input.quietHoursEnd() == null)) {
            throw ApiProblemException.invalidField("quietHoursEnd", "quiet hours need both a start and an end");
        }
        if ((input.weeklyDigestDay() == null) != (input.weeklyDigestTime() == null)) {
            throw ApiProblemException.invalidField("weeklyDigestTime", "a weekly digest needs both a day and a time");
        }
        String zone = input.timeZone() == null ? defaultZone(caller) : input.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiProblemException.invalidField("timeZone", "must be an IANA time zone such as Europe/Berlin");
        }
        if (!input.channels().contains(PreferencesInput.Channel.IN_APP)) {
            throw ApiProblemException.invalidField("channels", "the in-app inbox cannot be switched off");
        }
        NotificationPreference stored = NotificationPreference.findById(caller.id());
        ETags.requireMatchOnceStored(ifMatch, stored == null ? DEFAULTS_VERSION : etagVersion(stored), stored != null,
                "notification preferences");
        if (stored == null) {
            stored = new NotificationPreference();
            stored.userId = caller.id();
            stored.clinicId = caller.clinicId();
        }
        stored.channels = new ArrayList<>(input.channels().stream().distinct().toList());
        stored.quietHoursStart = input.quietHoursStart();
        stored.quietHoursEnd = input.quietHoursEnd();
        stored.completionDelivery = input.completionDelivery() == null ? DEFAULTS.completionDelivery() : input.completionDelivery();
        stored.dailyDigestTime = input.dailyDigestTime() == null ? DEFAULTS.dailyDigestTime() : input.dailyDigestTime();
        stored.weeklyDigestDay = input.weeklyDigestDay();
        stored.weeklyDigestTime = input.weeklyDigestTime();
        stored.emailIncludesDetails = Boolean.TRUE.equals(input.emailIncludesDetails());
        stored.timeZone = zone;
        stored.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        stored.persistAndFlush(); // the ETag is the version the row now has
        digests.reschedule(stored, stored.updatedAt.toInstant());
        changed.fire(new PreferencesChanged(stored.userId, stored.clinicId));
        return new Versioned<>(view(stored, caller), etagVersion(stored));
    }

    /** The ETag of stored preferences counts from 1: "0" is the defaults, answered while nothing is stored. */
    private static long etagVersion(NotificationPreference stored) {
        return stored.version + 1;
    }

    /** Preferences saved before time zones were kept show the default zone until they are saved again. */
    private PreferencesInput view(NotificationPreference p, Caller caller) {
        return new PreferencesInput(List.copyOf(p.channels), p.quietHoursStart, p.quietHoursEnd, p.completionDelivery,
                p.dailyDigestTime, p.weeklyDigestDay, p.weeklyDigestTime, p.emailIncludesDetails,
                p.timeZone == null ? defaultZone(caller) : p.timeZone);
    }

    /** A client's profile zone, else UTC. */
    private String defaultZone(Caller caller) {
        return identity.zoneOf(caller.id()).map(ZoneId::getId).orElse("UTC");
    }
}
