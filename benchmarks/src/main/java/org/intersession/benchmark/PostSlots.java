package org.intersession.benchmark;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open occurrences the load phases log, each used once: the signed-in clients' assignments on the days the seed
 * left without entries, interleaved so that consecutive posts come from different clients.
 */
final class PostSlots {

    record Slot(SeedPlan.Assignment assignment, LocalDate day, String token) {
    }

    private final Api api;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    PostSlots(Api api, SeedPlan plan, List<SeedPlan.Client> signedIn, Map<UUID, String> tokens) {
        this.api = api;
        for (LocalDate day : plan.openDays()) {
            for (int a = 0; a < plan.scale().assignmentsPerClient(); a++) {
                for (SeedPlan.Client client : signedIn) {
                    SeedPlan.Assignment assignment = plan.assignments().get(client.index() * plan.scale().assignmentsPerClient() + a);
                    slots.add(new Slot(assignment, day, tokens.get(client.id())));
                }
            }
        }
    }

    int size() {
        return slots.size();
    }

    /**
     * The next post, or null when every open occurrence was used.
     *
     * @param answered receives each created entry's id and when its 201 came back
     */
    LoadDriver.Operation next(String gateway, Map<UUID, Instant> answered) {
        int index = next.getAndIncrement();
        if (index >= slots.size()) {
            return null;
        }
        Slot slot = slots.get(index);
        UUID id = UUID.randomUUID();
        String body = """
                {"id":"%s","assignmentId":"%s","occurrenceKey":"%s","status":"DONE","moodBefore":4,"moodAfter":6,"minutesSpent":15}"""
                .formatted(id, slot.assignment().id(), SeedPlan.occurrenceKey(slot.day()));
        return () -> api.post(gateway + "/api/v1/progress-entries", slot.token(), body).thenApply(response -> {
            if (response.statusCode() != 201) {
                return false;
            }
            answered.put(id, Instant.now());
            return true;
        });
    }
}
