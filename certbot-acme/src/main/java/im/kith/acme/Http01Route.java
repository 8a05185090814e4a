package im.kith.acme;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;

/**
 * Puts {@code GET /.well-known/acme-challenge/:token} on the node's HTTP router when ACME runs with the
 * HTTP-01 challenge; otherwise the path is left to the application.
 */
@Singleton
class Http01Route {
    /** Before any handler registered with the default order, e.g. the plain-HTTP to HTTPS redirect. */
    static final int ORDER = -1000;

    private final AcmeSettings settings;
    private final Http01Challenges challenges;

    Http01Route(AcmeSettings settings, Http01Challenges challenges) {
        this.settings = settings;
        this.challenges = challenges;
    }

    void install(@Observes Router router) {
        if (settings.challenge() == ChallengeType.HTTP_01
                && settings.activation() instanceof AcmeSettings.Activation.On) {
            router.get(Http01Challenges.PATH_PREFIX + ":token").order(ORDER).handler(challenges::handle);
        }
    }
}
