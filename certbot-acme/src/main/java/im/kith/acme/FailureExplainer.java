package im.kith.acme;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.net.ssl.SSLException;

import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeNotSupportedException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

/**
 * Turns ACME errors (RFC 8555 §6.7 problem types) and network failures into plain sentences for the
 * admin: what is wrong and, where we can tell, what to change.
 */
final class FailureExplainer {
    private static final String ACME_ERROR = "urn:ietf:params:acme:error:";

    private final URI directory;
    private final ChallengeType challenge;

    FailureExplainer(URI directory, ChallengeType challenge) {
        this.directory = directory;
        this.challenge = challenge;
    }

    /** Explains an exception thrown while talking to the CA. */
    IssuanceFailure explain(Throwable error) {
        Throwable e = error instanceof AcmeLazyLoadingException lazy && lazy.getCause() != null
                ? lazy.getCause() : error;
        if (e instanceof AcmeRateLimitedException limited) {
            return new IssuanceFailure("the CA rate-limited us (" + detail(limited.getProblem()) + ")",
                    IssuanceFailure.Retry.RATE_LIMITED, limited.getRetryAfter());
        }
        if (e instanceof AcmeUserActionRequiredException action) {
            String where = action.getTermsOfServiceUri().map(u -> "accept its new terms of service at " + u)
                    .orElseGet(() -> "follow the instructions at " + action.getInstance());
            return new IssuanceFailure("the CA needs a person to act: " + where
                    + ", then restart the server", IssuanceFailure.Retry.NEVER, Optional.empty());
        }
        if (e instanceof AcmeServerException server) {
            return problem(server.getProblem(), Optional.empty());
        }
        if (e instanceof AcmeNetworkException network) {
            return network(network.getCause());
        }
        if (e instanceof AcmeNotSupportedException unsupported) {
            return new IssuanceFailure("the CA at " + directory + " does not support a feature Kith needs: "
                    + unsupported.getMessage());
        }
        if (e instanceof AcmeProtocolException protocol) {
            return new IssuanceFailure("the CA at " + directory + " sent an answer Kith does not understand: "
                    + protocol.getMessage());
        }
        if (e instanceof AcmeException acme && "Timeout has been reached".equals(acme.getMessage())) {
            return new IssuanceFailure("the CA did not finish checking the names in time; it will be asked again");
        }
        if (e instanceof IOException io) {
            return network(io);
        }
        return new IssuanceFailure("unexpected error while talking to the CA: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    /**
     * Explains a problem document (RFC 8555 §6.7), for {@code domain} when the problem concerns the
     * validation of one name. Subproblems (§6.7.1) are explained one by one.
     */
    IssuanceFailure problem(Problem problem, Optional<String> domain) {
        List<Problem> subs = problem.getSubProblems();
        if (!subs.isEmpty()) {
            String all = subs.stream()
                    .map(sub -> sentence(sub, sub.getIdentifier().map(id -> id.getDomain()).or(() -> domain)))
                    .distinct()
                    .collect(Collectors.joining("; "));
            return new IssuanceFailure(all);
        }
        String type = problem.getType().toString();
        if (type.equals(ACME_ERROR + "userActionRequired") || type.equals(ACME_ERROR + "externalAccountRequired")) {
            return new IssuanceFailure(sentence(problem, domain), IssuanceFailure.Retry.NEVER, Optional.empty());
        }
        return new IssuanceFailure(sentence(problem, domain));
    }

    private String sentence(Problem problem, Optional<String> domain) {
        String type = problem.getType().toString();
        String name = domain.or(() -> problem.getIdentifier().map(id -> id.getDomain())).orElse("the domain");
        String port = challenge == ChallengeType.HTTP_01 ? "80" : "443";
        String kind = type.startsWith(ACME_ERROR) ? type.substring(ACME_ERROR.length()) : type;
        return switch (kind) {
            case "dns" -> "DNS for " + name + " does not point to this server (the CA's DNS lookup failed: "
                    + detail(problem) + ")";
            case "connection" -> "port " + port + " is not reachable from the internet: the CA could not connect to "
                    + name + " (" + detail(problem) + ")";
            case "unauthorized", "incorrectResponse" -> "the CA reached " + name + " but got a wrong answer: DNS for "
                    + name + " does not point to this server, or another server answers on port " + port
                    + " (" + detail(problem) + ")";
            case "tls" -> "the CA could not complete a TLS handshake with " + name + " on port 443 ("
                    + detail(problem) + ")";
            case "caa" -> "a CAA record in the DNS of " + name + " forbids this CA from issuing certificates for it";
            case "rejectedIdentifier", "unsupportedIdentifier" -> "the CA refuses to issue a certificate for "
                    + name + " (" + detail(problem) + "); change KITH_ACME_NAMES";
            case "badCSR", "badPublicKey" -> "the CA refused the certificate request (" + detail(problem) + ")";
            case "externalAccountRequired" -> "the CA requires an external account binding, which Kith does not "
                    + "support; use another CA";
            case "userActionRequired" -> "the CA needs a person to act (" + detail(problem) + ")";
            case "rateLimited" -> "the CA rate-limited us (" + detail(problem) + ")";
            case "serverInternal" -> "the CA had an internal error (" + detail(problem) + ")";
            default -> "the CA reported an error: " + detail(problem);
        };
    }

    private IssuanceFailure network(Throwable cause) {
        String host = Optional.ofNullable(directory.getHost()).orElse(directory.toString());
        Throwable root = cause;
        while (root != null && root.getCause() != null && !(root instanceof SSLException)
                && !(root instanceof UnknownHostException) && !(root instanceof ConnectException)) {
            root = root.getCause();
        }
        if (root instanceof SSLException ssl) {
            return new IssuanceFailure("the CA at " + host + " presented an HTTPS certificate that is not trusted ("
                    + ssl.getMessage() + "); for a private CA set KITH_ACME_CA to its PEM file");
        }
        String why;
        if (root instanceof UnknownHostException) {
            why = "its name does not resolve; check this server's DNS resolver and internet connection";
        } else if (root instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            why = "the connection was refused or timed out; check this server's internet connection and firewall";
        } else if (cause instanceof HttpTimeoutException) {
            why = "it did not answer in time";
        } else {
            why = root == null || root.getMessage() == null ? "network error" : root.getMessage();
        }
        return new IssuanceFailure("the certificate authority at " + host + " cannot be reached: " + why);
    }

    private static String detail(Problem problem) {
        return problem.getDetail().or(problem::getTitle).orElse(problem.getType().toString());
    }
}
