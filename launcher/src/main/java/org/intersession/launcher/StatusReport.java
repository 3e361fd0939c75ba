package org.intersession.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The text of {@code ./intersession status}: one line per part, then the verdict. */
final class StatusReport {

    private StatusReport() {
    }

    static String render(StackState state, boolean launcherAlive, List<HealthProbe.Check> checks, Instant now) {
        StringBuilder out = new StringBuilder();
        Duration up = Duration.between(state.startedAt(), now);
        out.append(String.format("Intersession (launcher pid %d, %s, started %s, up %dm%02ds)%n", state.launcherPid(),
                launcherAlive ? state.phase().name().toLowerCase() : "launcher gone", state.startedAt(),
                up.toMinutes(), up.toSecondsPart()));
        int width = checks.stream().mapToInt(c -> c.part().length()).max().orElse(10);
        for (HealthProbe.Check check : checks) {
            out.append(String.format("  %-" + width + "s  %-4s  %-28s  %s%n", check.part(), check.healthy() ? "UP" : "DOWN",
                    check.url(), check.detail()));
        }
        if (state.gatewayUrl() != null) {
            out.append(String.format("  API: %s/openapi   Swagger UI: %s/q/swagger-ui%n", state.gatewayUrl(), state.gatewayUrl()));
        }
        out.append(healthy(launcherAlive, checks) ? "All parts are healthy." : "Some parts are not healthy.").append(System.lineSeparator());
        return out.toString();
    }

    static boolean healthy(boolean launcherAlive, List<HealthProbe.Check> checks) {
        return launcherAlive && !checks.isEmpty() && checks.stream().allMatch(HealthProbe.Check::healthy);
    }
}
