package dev.keybridge.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The client a throttle counts (failed authentication, dashboard sign-in): an IPv4 address as it is, an
 * IPv6 address by its /64 prefix. One IPv6 client (a home line, a cloud instance) is usually handed a
 * whole /64 and can send from any of its 2^64 addresses, so counting each address would let it rotate
 * through them and never be blocked. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4
 * address it maps. Anything that is not an address literal (no DNS is asked) is counted as it is.
 */
public final class ClientAddresses {

    private ClientAddresses() {}

    /** The throttle's name for the client at {@code address} (as {@code getRemoteAddr()} gives it). */
    public static String throttleKey(String address) {
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            return address;
        }
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress();
        }
        byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 16 bytes are always an address
        }
    }
}
