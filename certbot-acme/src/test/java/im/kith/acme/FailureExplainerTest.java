package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

class FailureExplainerTest {
    private final FailureExplainer http01 =
            new FailureExplainer(URI.create("acme://letsencrypt.org"), ChallengeType.HTTP_01);
    private final FailureExplainer tlsAlpn =
            new FailureExplainer(URI.create("https://ca.example.net/dir"), ChallengeType.TLS_ALPN_01);

    @Test
    void dnsProblemSaysDnsDoesNotPointHere() throws Exception {
        IssuanceFailure f = http01.problem(problem("dns", "NXDOMAIN looking up A for example.org"),
                Optional.of("example.org"));

        assertThat(f.getMessage()).startsWith("DNS for example.org does not point to this server");
        assertThat(f.retry()).isEqualTo(IssuanceFailure.Retry.BACKOFF);
    }

    @Test
    void connectionProblemNamesThePortOfTheChallenge() throws Exception {
        assertThat(http01.problem(problem("connection", "Timeout"), Optional.of("example.org")).getMessage())
                .startsWith("port 80 is not reachable from the internet");
        assertThat(tlsAlpn.problem(problem("connection", "Timeout"), Optional.of("example.org")).getMessage())
                .startsWith("port 443 is not reachable from the internet");
    }

    @Test
    void caaProblemNamesTheRecordToFix() throws Exception {
        assertThat(http01.problem(problem("caa", "CAA record forbids"), Optional.of("example.org")).getMessage())
                .isEqualTo("a CAA record in the DNS of example.org forbids this CA from issuing certificates for it");
    }

    @Test
    void subproblemsAreExplainedPerName() throws Exception {
        Problem p = new Problem(JSON.parse("""
                {"type": "urn:ietf:params:acme:error:malformed", "detail": "some names failed",
                 "subproblems": [
                   {"type": "urn:ietf:params:acme:error:dns", "detail": "NXDOMAIN",
                    "identifier": {"type": "dns", "value": "groups.example.org"}},
                   {"type": "urn:ietf:params:acme:error:rejectedIdentifier", "detail": "forbidden name",
                    "identifier": {"type": "dns", "value": "share.example.org"}}]}"""), base());

        String message = http01.problem(p, Optional.empty()).getMessage();

        assertThat(message).contains("DNS for groups.example.org does not point to this server")
                .contains("the CA refuses to issue a certificate for share.example.org");
    }

    @Test
    void rateLimitCarriesTheCasRetryAfter() throws Exception {
        Instant later = Instant.parse("2030-05-01T10:00:00Z");
        IssuanceFailure f = http01.explain(new AcmeRateLimitedException(
                problem("rateLimited", "too many certificates already issued"), later, List.of()));

        assertThat(f.retry()).isEqualTo(IssuanceFailure.Retry.RATE_LIMITED);
        assertThat(f.retryAfter()).contains(later);
        assertThat(f.getMessage()).isEqualTo("the CA rate-limited us (too many certificates already issued)");
    }

    @Test
    void externalAccountBindingIsNotRetried() throws Exception {
        IssuanceFailure f = http01.explain(new AcmeServerException(problem("externalAccountRequired", "EAB")));

        assertThat(f.retry()).isEqualTo(IssuanceFailure.Retry.NEVER);
    }

    @Test
    void unreachableCaIsExplainedByTheNetworkCause() {
        assertThat(http01.explain(new AcmeNetworkException(new ConnectException("refused"))).getMessage())
                .isEqualTo("the certificate authority at letsencrypt.org cannot be reached: the connection was "
                        + "refused or timed out; check this server's internet connection and firewall");
        assertThat(http01.explain(new AcmeNetworkException(new UnknownHostException("x"))).getMessage())
                .contains("its name does not resolve");
    }

    private static Problem problem(String type, String detail) throws Exception {
        return new Problem(JSON.parse("{\"type\": \"urn:ietf:params:acme:error:" + type + "\", \"detail\": \""
                + detail + "\"}"), base());
    }

    private static URL base() throws Exception {
        return URI.create("https://ca.example.net/acme/").toURL();
    }
}
