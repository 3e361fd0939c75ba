package org.intersession.e2e;

import org.junit.jupiter.api.Test;

/** A homework week on the stack every end-to-end test shares: one instance of each service. */
class HomeworkWeekIT {

    @Test
    void aHomeworkWeekFromAssignmentToSessionReview() {
        new HomeworkWeek(RunningStack.get()).run();
    }
}
