package org.intersession.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR range such as {@code 10.0.0.0/8} or {@code fc00::/7}; an address of the other family is never in it. */
record AddressRange(byte[] network, int prefix, String text) {

    static AddressRange parse(String cidr) {
        String[] parts = cidr.strip().split("/", 2);
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
            return new AddressRange(network, prefix, cidr.strip());
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address range: " + cidr, e);
        }
    }

    /** True for an IP literal with an optional prefix; host names are not ranges. */
    static boolean looksLikeRange(String entry) {
        String address = entry.strip().split("/", 2)[0];
        return address.contains(":") || address.matches("[0-9.]+");
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }
}
