package org.intersession.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same homework week on a stack of its own with two instances of every service: the gateway spreads requests
 * over both, both consume the events, and still every notification arrives exactly once.
 */
class HomeworkWeekTwoInstancesIT {

    private static RunningStack platform;

    @BeforeAll
    static void startTwoOfEach() {
        platform = RunningStack.withInstances(2);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aHomeworkWeekWithTwoInstancesOfEveryServiceNotifiesExactlyOnce() {
        new HomeworkWeek(platform).run();
    }
}
