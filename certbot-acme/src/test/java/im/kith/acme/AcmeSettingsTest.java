package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class AcmeSettingsTest {

    @Test
    void defaultsUseLetsEncryptForThreeNamesUnderTheDomain() {
        AcmeSettings s = resolve("example.org", Map.of());

        assertThat(s.activation()).isEqualTo(new AcmeSettings.Activation.On(URI.create("acme://letsencrypt.org")));
        assertThat(s.names()).containsExactly("example.org", "groups.example.org", "share.example.org");
        assertThat(s.challenge()).isEqualTo(ChallengeType.HTTP_01);
        assertThat(s.tosAgreed()).isFalse();
        assertThat(s.renewKey()).isFalse();
        assertThat(s.fullchain()).isEqualTo(Path.of("data/certs/fullchain.pem"));
        assertThat(s.privateKey()).isEqualTo(Path.of("data/certs/privkey.pem"));
        assertThat(s.accountKey()).isEqualTo(Path.of("data/acme/account.pem"));
    }

    @Test
    void localhostDomainTurnsAcmeOffWithAReason() {
        AcmeSettings s = resolve("localhost", Map.of());

        assertThat(s.activation()).isInstanceOfSatisfying(AcmeSettings.Activation.Off.class,
                off -> assertThat(off.reason()).contains("KITH_DOMAIN"));
    }

    @Test
    void offTurnsAcmeOffForAnyDomain() {
        assertThat(resolve("example.org", Map.of("kith.acme.directory", "off")).activation())
                .isInstanceOf(AcmeSettings.Activation.Off.class);
    }

    @Test
    void stagingAndCustomDirectoriesAreTakenAsGiven() {
        assertThat(resolve("example.org", Map.of("kith.acme.directory", "acme://letsencrypt.org/staging"))
                .activation()).isEqualTo(new AcmeSettings.Activation.On(URI.create("acme://letsencrypt.org/staging")));
        assertThat(resolve("localhost", Map.of("kith.acme.directory", "https://127.0.0.1:14000/dir")).activation())
                .isEqualTo(new AcmeSettings.Activation.On(URI.create("https://127.0.0.1:14000/dir")));
    }

    @Test
    void plainHttpDirectoryIsRejectedWithoutStoppingTheServer() {
        assertThat(resolve("example.org", Map.of("kith.acme.directory", "http://ca.example/dir")).activation())
                .isInstanceOfSatisfying(AcmeSettings.Activation.Invalid.class,
                        invalid -> assertThat(invalid.problem()).contains("https://"));
    }

    @Test
    void internationalisedNamesBecomeLowerCaseALabels() {
        AcmeSettings s = resolve("Bücher.example", Map.of());

        assertThat(s.names()).containsExactly("xn--bcher-kva.example", "groups.xn--bcher-kva.example",
                "share.xn--bcher-kva.example");
    }

    @Test
    void explicitNamesReplaceTheDefaultsWithoutDuplicates() {
        AcmeSettings s = resolve("example.org",
                Map.of("kith.acme.names", "chat.example.org,Chat.example.org,x.example.org"));

        assertThat(s.names()).containsExactly("chat.example.org", "x.example.org");
    }

    @Test
    void unknownChallengeOrBadNameMakesTheConfigurationInvalid() {
        assertThat(resolve("example.org", Map.of("kith.acme.challenge", "dns-01")).activation())
                .isInstanceOfSatisfying(AcmeSettings.Activation.Invalid.class,
                        invalid -> assertThat(invalid.problem()).contains("http-01 or tls-alpn-01"));
        assertThat(resolve("example.org", Map.of("kith.acme.names", "bad_name!.org")).activation())
                .isInstanceOf(AcmeSettings.Activation.Invalid.class);
    }

    @Test
    void tlsAlpnChallengeAndKeyRenewalCanBeChosen() {
        AcmeSettings s = resolve("example.org", Map.of("kith.acme.challenge", "TLS-ALPN-01",
                "kith.acme.renew-key", "true", "kith.acme.tos-agreed", "true"));

        assertThat(s.challenge()).isEqualTo(ChallengeType.TLS_ALPN_01);
        assertThat(s.renewKey()).isTrue();
        assertThat(s.tosAgreed()).isTrue();
    }

    private static AcmeSettings resolve(String domain, Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AcmeConfig.class)
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test", 500))
                .build();
        return AcmeSettings.resolve(config.getConfigMapping(AcmeConfig.class), domain, Path.of("data"),
                Optional.empty());
    }
}
