package org.intersession.gateway.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SourceAddressTest {

    private final SourceAddress behindProxies = new SourceAddress(List.of("10.0.0.0/8", "192.168.1.5", "fd00::/8"));

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        assertEquals("203.0.113.9", new SourceAddress(List.of()).of("203.0.113.9", "198.51.100.1"));
        assertEquals("203.0.113.9", behindProxies.of("203.0.113.9", "198.51.100.1"));
    }

    @Test
    void aTrustedProxyNamesTheCallerAndSpoofedHopsLeftOfItAreIgnored() {
        assertEquals("198.51.100.1", behindProxies.of("10.1.2.3", "198.51.100.1"));
        assertEquals("198.51.100.1", behindProxies.of("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.168.1.5"));
        assertEquals("2001:db8::1", behindProxies.of("fd00:0:0:0:0:0:0:1", "2001:db8::1"));
    }

    @Test
    void aHopThatIsNoAddressStopsTheWalk() {
        assertEquals("10.1.2.3", behindProxies.of("10.1.2.3", "evil.example"));
        assertEquals("10.1.2.3", behindProxies.of("10.1.2.3", "unknown"));
    }

    @Test
    void aMisconfiguredRangeFailsAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new SourceAddress(List.of("proxy.internal")));
        assertThrows(IllegalArgumentException.class, () -> new SourceAddress(List.of("10.0.0.0/33")));
    }
}
