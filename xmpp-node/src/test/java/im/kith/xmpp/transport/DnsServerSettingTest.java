package im.kith.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.vertx.core.dns.DnsClientOptions;

/** KITH_S2S_DNS_SERVER accepts host, host:port and [v6]:port, and refuses anything else at start-up. */
class DnsServerSettingTest {

    @Test
    void aHostAloneMeansPort53() {
        DnsClientOptions o = S2sConnector.dnsServer("192.0.2.53");
        assertThat(o.getHost()).isEqualTo("192.0.2.53");
        assertThat(o.getPort()).isEqualTo(53);
    }

    @Test
    void hostAndPortAndBracketedIpv6AreAccepted() {
        assertThat(S2sConnector.dnsServer("127.0.0.1:5353").getPort()).isEqualTo(5353);
        DnsClientOptions v6 = S2sConnector.dnsServer("[::1]:5300");
        assertThat(v6.getHost()).isEqualTo("::1");
        assertThat(v6.getPort()).isEqualTo(5300);
        assertThat(S2sConnector.dnsServer("::1").getPort()).isEqualTo(53);
    }

    @Test
    void malformedValuesAreRefusedWithTheSettingsName() {
        for (String bad : new String[] {"127.0.0.1:", "127.0.0.1:dns", "127.0.0.1:70000", ":53", "[::1", "[::1]x"}) {
            assertThatThrownBy(() -> S2sConnector.dnsServer(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KITH_S2S_DNS_SERVER");
        }
    }
}
