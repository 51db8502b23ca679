package dev.keybridge.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressRuleTest {

    @Test
    void doesRefuseEveryNonPublicFormWhenIpv4IsEmbeddedInIpv6() throws Exception {
        String[] refused = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "100.64.0.1", "169.254.169.254",
                "0.0.0.0", "255.255.255.255", "224.0.0.1", "192.0.2.1", "198.18.0.1", "::", "::1", "fe80::1", "fc00::1",
                "fd12:3456::1", "fec0::1", "ff02::1",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1",          // IPv4-mapped (Java turns these into IPv4)
                "::127.0.0.1", "::10.0.0.1", "::169.254.169.254", // IPv4-compatible
                "::ffff:0:127.0.0.1", "::ffff:0:a00:1",         // IPv4-translated
                "64:ff9b::127.0.0.1", "64:ff9b::a00:1", "64:ff9b::a9fe:a9fe", // NAT64 well-known prefix
                "64:ff9b:1::a00:1",                             // NAT64 local-use
                "2002:7f00:1::1", "2002:0808:0808::1",          // 6to4 (refused outright)
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",         // Teredo (refused outright)
                "2001:db8::1", "100::1"};
        for (String a : refused) {
            assertThat(AddressRule.isPublic(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void doesAllowPublicAddressesWhenTheyAreOrdinary() throws Exception {
        String[] allowed = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001::200e",
                "64:ff9b::808:808", "::ffff:8.8.8.8"};
        for (String a : allowed) {
            assertThat(AddressRule.isPublic(InetAddress.getByName(a))).as(a).isTrue();
        }
    }
}
