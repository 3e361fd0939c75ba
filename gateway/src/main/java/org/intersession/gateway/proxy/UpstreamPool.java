package org.intersession.gateway.proxy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.intersession.gateway.GatewayConfig;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of each service, taken in turn. A request that cannot connect to one instance is offered to the
 * next, so one stopped instance costs no failed requests while another is up.
 */
@ApplicationScoped
public class UpstreamPool {

    private final Map<Upstream, List<String>> baseUrls = new EnumMap<>(Upstream.class);
    private final Map<Upstream, AtomicInteger> turns = new EnumMap<>(Upstream.class);

    @Inject
    UpstreamPool(GatewayConfig config) {
        this(Map.of(Upstream.ASSIGNMENT, config.upstreams().assignment(),
                Upstream.PROGRESS, config.upstreams().progress(),
                Upstream.NOTIFICATION, config.upstreams().notification()));
    }

    UpstreamPool(Map<Upstream, List<String>> configured) {
        for (Upstream upstream : Upstream.values()) {
            baseUrls.put(upstream, normalise(configured.getOrDefault(upstream, List.of())));
            turns.put(upstream, new AtomicInteger());
        }
    }

    /** The instance whose turn it is. */
    public String next(Upstream upstream) {
        List<String> urls = baseUrls.get(upstream);
        return urls.get(Math.floorMod(turns.get(upstream).getAndIncrement(), urls.size()));
    }

    /** How many instances a request may try before the service counts as unavailable. */
    public int size(Upstream upstream) {
        return baseUrls.get(upstream).size();
    }

    private static List<String> normalise(List<String> urls) {
        List<String> trimmed = urls.stream().map(String::strip).filter(url -> !url.isEmpty())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url).toList();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("every upstream needs at least one base URL");
        }
        return trimmed;
    }
}
