package org.intersession.gateway.proxy;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteTableTest {

    private static final String ID = UUID.randomUUID().toString();

    @Test
    void anAssignmentsOccurrencesGoToProgressServiceAndTheRestOfTheAssignmentToAssignmentService() {
        assertEquals(Optional.of(Upstream.PROGRESS), RouteTable.upstreamFor("/api/v1/assignments/" + ID + "/occurrences"));
        assertEquals(Optional.of(Upstream.ASSIGNMENT), RouteTable.upstreamFor("/api/v1/assignments/" + ID));
        assertEquals(Optional.of(Upstream.ASSIGNMENT), RouteTable.upstreamFor("/api/v1/assignments/" + ID + "/pause"));
        assertEquals(Optional.of(Upstream.ASSIGNMENT), RouteTable.upstreamFor("/api/v1/assignments/" + ID + "/occurrences/x"));
    }

    @Test
    void eachChangesFeedGoesToTheServiceThatOwnsItsRecords() {
        assertEquals(Optional.of(Upstream.ASSIGNMENT), RouteTable.upstreamFor("/api/v1/assignments/sync"));
        assertEquals(Optional.of(Upstream.PROGRESS), RouteTable.upstreamFor("/api/v1/progress-entries/sync"));
        assertEquals(Optional.of(Upstream.PROGRESS), RouteTable.upstreamFor("/api/v1/occurrences/sync"));
        assertEquals(Optional.empty(), RouteTable.upstreamFor("/api/v1/occurrencesync"));
    }
}
