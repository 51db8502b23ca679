package dev.keybridge.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a host once, checks every address it got with {@link AddressRule}, and hands exactly
 * those addresses to the connection operator, which connects to them: the address checked is the
 * address connected, with no second lookup a rebinding DNS server could answer differently.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** The host resolves to an address this client may not reach. */
    static final class Refused extends UnknownHostException {
        Refused(String host) {
            super("refused: " + host + " resolves to a non-public address");
        }
    }

    private final boolean allowPrivate;

    GuardedDnsResolver(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (!AddressRule.isPublic(a)) {
                    throw new Refused(host);
                }
            }
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : resolve(host)) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
