package dev.keybridge.egress;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;

/**
 * The one private-address rule of every outgoing call: an address is public unless it falls in a
 * special-purpose range (RFC 6890 and friends): loopback, unspecified, private, CGNAT, link-local,
 * documentation, benchmarking, reserved, multicast, unique-local, site-local. IPv6 forms that carry
 * an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, translated
 * {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::/96}) are judged by that IPv4 address; 6to4
 * ({@code 2002::/16}), Teredo ({@code 2001::/32}) and local NAT64 ({@code 64:ff9b:1::/48}), which
 * tunnel to addresses a check cannot see, are refused outright. Ranges come from the ipaddress library.
 */
public final class AddressRule {

    private static final List<IPAddress> V4_BLOCKED = blocks("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<IPAddress> V6_EMBEDDING_V4 = blocks("::ffff:0:0/96", "::/96", "::ffff:0:0:0/96",
            "64:ff9b::/96");
    private static final List<IPAddress> V6_BLOCKED = blocks("100::/64", "2001::/32", "2001:db8::/32", "2002::/16",
            "64:ff9b:1::/48", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private AddressRule() {}

    /** Whether a connection to {@code address} may leave for the public internet. */
    public static boolean isPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        IPAddress ip = address instanceof Inet4Address ? new IPv4Address(bytes) : new IPv6Address(bytes);
        return isPublic(ip);
    }

    static boolean isPublic(IPAddress ip) {
        if (ip.isIPv4()) {
            return V4_BLOCKED.stream().noneMatch(b -> b.contains(ip));
        }
        for (IPAddress embedding : V6_EMBEDDING_V4) {
            if (embedding.contains(ip)) {
                return isPublic(ip.toIPv6().getEmbeddedIPv4Address());
            }
        }
        return V6_BLOCKED.stream().noneMatch(b -> b.contains(ip));
    }

    private static List<IPAddress> blocks(String... cidrs) {
        return Stream.of(cidrs).map(c -> new IPAddressString(c).getAddress().toPrefixBlock()).toList();
    }
}
