package org.intersession.notification.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OWASP API7 (SSRF): a webhook may not reach this network's own services. A target whose host is, or resolves to, a
 * loopback, link-local (cloud metadata at 169.254.169.254), private, shared, unspecified, multicast or reserved
 * address is refused, also inside IPv4-mapped, IPv4-compatible, NAT64 and 6to4 IPv6 forms, unless an operator
 * allowlisted the host or its range. Checked at registration and again right before each send.
 */
@ApplicationScoped
public class TargetGuard {

    /** Why a target was refused, in words fit for the caller. */
    public static class RefusedTarget extends Exception {
        RefusedTarget(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<AddressRange> BLOCKED = List.of(
            range("0.0.0.0/8", "unspecified"), range("10.0.0.0/8", "private"), range("100.64.0.0/10", "shared (carrier-grade NAT)"),
            range("127.0.0.0/8", "loopback"), range("169.254.0.0/16", "link-local"), range("172.16.0.0/12", "private"),
            range("192.0.0.0/24", "reserved"), range("192.168.0.0/16", "private"), range("198.18.0.0/15", "reserved"),
            range("224.0.0.0/4", "multicast"), range("240.0.0.0/4", "reserved"),
            range("::/128", "unspecified"), range("::1/128", "loopback"), range("fe80::/10", "link-local"),
            range("fec0::/10", "site-local"), range("fc00::/7", "private (unique local)"), range("ff00::/8", "multicast"));

    /** IPv6 prefixes that carry an IPv4 address, and where it sits. */
    private record Embedding(AddressRange range, int offset) {
    }

    private static final List<Embedding> EMBEDDED_IPV4 = List.of(
            new Embedding(new AddressRange(ipv4Mapped(), 96, "::ffff:0:0/96"), 12), new Embedding(AddressRange.parse("::/96"), 12),
            new Embedding(AddressRange.parse("64:ff9b::/96"), 12), new Embedding(AddressRange.parse("2002::/16"), 2));

    private final boolean allowHttp;
    private final Set<String> allowedHosts;
    private final List<AddressRange> allowedRanges;

    TargetGuard(WebhookConfig config) {
        this.allowHttp = config.allowHttp();
        List<String> allowed = config.allowedTargets().orElse(List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        this.allowedRanges = allowed.stream().filter(AddressRange::looksLikeRange).map(AddressRange::parse).toList();
        this.allowedHosts = allowed.stream().filter(entry -> !AddressRange.looksLikeRange(entry))
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Checks a URL as given at registration: scheme, no credentials, and where its host resolves now. */
    public URI checkUrl(String url) throws RefusedTarget {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedTarget("not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new RefusedTarget(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new RefusedTarget("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedTarget("must not contain credentials");
        }
        checkResolved(uri);
        return uri;
    }

    /** Resolves the URL's host and refuses it if any of its addresses is off limits. */
    public void checkResolved(URI uri) throws RefusedTarget {
        String host = hostOf(uri);
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new RefusedTarget("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address.getAddress());
            if (refusal != null) {
                throw new RefusedTarget("host " + host + " resolves to a " + refusal + " address (" + address.getHostAddress()
                        + "), which webhooks may not reach");
            }
        }
    }

    /** @return what kind of forbidden address this is, or null if it may be reached */
    String refusal(byte[] address) {
        if (allowedRanges.stream().anyMatch(range -> range.contains(address))) {
            return null;
        }
        for (AddressRange blocked : BLOCKED) {
            if (blocked.contains(address)) {
                return blocked.text();
            }
        }
        for (Embedding embedding : EMBEDDED_IPV4) {
            if (embedding.range().contains(address)) {
                String inner = refusal(Arrays.copyOfRange(address, embedding.offset(), embedding.offset() + 4));
                if (inner != null) {
                    return inner + " (embedded in IPv6)";
                }
            }
        }
        return null;
    }

    static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Java turns a parsed {@code ::ffff:a.b.c.d} into an IPv4 address, so this prefix is spelled out in bytes. */
    private static byte[] ipv4Mapped() {
        byte[] prefix = new byte[16];
        prefix[10] = (byte) 0xff;
        prefix[11] = (byte) 0xff;
        return prefix;
    }

    private static AddressRange range(String cidr, String kind) {
        AddressRange parsed = AddressRange.parse(cidr);
        return new AddressRange(parsed.network(), parsed.prefix(), kind);
    }
}
