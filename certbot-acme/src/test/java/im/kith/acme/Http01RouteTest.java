package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The challenge route on the real HTTP listener, over a real socket. */
@QuarkusTest
@WithTestResource(PebbleServer.class)
class Http01RouteTest {
    private static final String TOKEN = "evaGxfADs6pSRb2LAv9IZf17Dt3juxGJ-PCt92wr-oA";

    private final HttpClient client = HttpClient.newHttpClient();

    @Inject
    Http01Challenges challenges;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void publishedTokenIsAnsweredWithItsKeyAuthorization() throws Exception {
        challenges.publish(TOKEN, TOKEN + ".thumb");
        try {
            HttpResponse<String> response = get(TOKEN);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(TOKEN + ".thumb");
            assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
        } finally {
            challenges.withdraw(TOKEN);
        }
        assertThat(get(TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownWellFormedTokenIsNotFound() throws Exception {
        assertThat(get("c29tZS10b2tlbg").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc%3Cscript%3Ealert(1)%3C%2Fscript%3E", "abc.def", "abc%2F..%2Fetc", "YWJj%3D",
        "abc%20def", "%C3%A9t%C3%A9"})
    void tokenOutsideTheBase64urlAlphabetIsNotFoundAndNotEchoed(String token) throws Exception {
        HttpResponse<String> response = get(token);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("no such challenge\n")
                .doesNotContain("script").doesNotContain("abc").doesNotContain("etc");
    }

    @Test
    void publishingAMalformedTokenIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> challenges.publish("a/b", "x"));
    }

    private HttpResponse<String> get(String rawToken) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + Http01Challenges.PATH_PREFIX + rawToken);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
