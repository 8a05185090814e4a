package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

class AlpnChallengeCertificatesTest {
    private final AlpnChallengeCertificates certificates = new AlpnChallengeCertificates(Clock.systemUTC());

    @Test
    void validationCertificateCarriesCriticalAcmeIdentifierAndOnlyTheValidatedName() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("token.thumbprint".getBytes());

        X509Certificate cert = certificates.build("chat.example.org", digest).certificate();

        assertThat(cert.getCriticalExtensionOIDs()).contains("1.3.6.1.5.5.7.1.31");
        byte[] extension = cert.getExtensionValue("1.3.6.1.5.5.7.1.31");
        ASN1OctetString outer = ASN1OctetString.getInstance(extension);
        assertThat(ASN1OctetString.getInstance(outer.getOctets()).getOctets()).isEqualTo(digest);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "chat.example.org"));
        cert.verify(cert.getPublicKey());
    }

    @Test
    void certificateIsServedForItsNameOnlyWhileTheChallengeIsPending() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("k".getBytes());

        certificates.publish("chat.example.org", digest);

        assertThat(certificates.forName("Chat.Example.org.")).isPresent();
        assertThat(certificates.forName("other.example.org")).isEmpty();
        assertThat(certificates.forName(null)).isEmpty();
        certificates.withdraw("chat.example.org");
        assertThat(certificates.forName("chat.example.org")).isEmpty();
    }
}
