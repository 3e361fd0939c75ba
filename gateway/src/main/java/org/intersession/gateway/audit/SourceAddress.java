package org.intersession.gateway.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a request came from. X-Forwarded-For is honoured only from a trusted proxy, read right to left: the
 * first entry not itself a trusted proxy is the caller (anything left of it could have been written by the caller).
 */
public final class SourceAddress {

    static final int MAX_LENGTH = 45;
    private final List<Range> trusted = new ArrayList<>();

    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    public SourceAddress(List<String> trustedProxies) {
        for (String entry : trustedProxies) {
            String spec = entry.strip();
            if (spec.isEmpty()) {
                continue;
            }
            int slash = spec.indexOf('/');
            byte[] network = literal(slash < 0 ? spec : spec.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("intersession.audit.trusted-proxies: not an IP address or CIDR range: " + spec);
            }
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(spec.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("intersession.audit.trusted-proxies: bad prefix length in " + spec);
            }
            trusted.add(new Range(network, bits));
        }
    }

    /** @param remote the connection's peer address; @param forwardedFor the X-Forwarded-For header, or null */
    public String of(String remote, String forwardedFor) {
        String source = remote == null ? "unknown" : remote;
        if (forwardedFor != null && isTrusted(source)) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (literal(hop) == null) {
                    break;
                }
                source = hop;
                if (!isTrusted(hop)) {
                    break;
                }
            }
        }
        return source.length() <= MAX_LENGTH ? source : source.substring(0, MAX_LENGTH);
    }

    private boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        return bytes != null && trusted.stream().anyMatch(range -> range.contains(bytes));
    }

    /** The bytes of an IP literal; null for anything else, so that no host name is ever looked up. */
    private static byte[] literal(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(value).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
