package im.kith.acme;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * One ACME client conversation with one CA (RFC 8555 §7): finds or creates the account, orders a
 * certificate, answers the challenges and downloads the chain. Every method blocks on the network and
 * runs on the certificate manager's virtual thread, never on an event loop.
 */
final class AcmeIssuer {
    private static final Logger LOG = Logger.getLogger(AcmeIssuer.class);
    private static final String ACCOUNT_DOES_NOT_EXIST = "urn:ietf:params:acme:error:accountDoesNotExist";
    private static final String ALREADY_REPLACED = "urn:ietf:params:acme:error:alreadyReplaced";

    private final AcmeSettings settings;
    private final URI directory;
    private final CertificateStore store;
    private final Http01Challenges http01;
    private final AlpnChallengeCertificates alpn;
    private final FailureExplainer explainer;
    private Session session;
    private Login login;

    AcmeIssuer(AcmeSettings settings, URI directory, CertificateStore store, Http01Challenges http01,
            AlpnChallengeCertificates alpn) {
        this.settings = settings;
        this.directory = directory;
        this.store = store;
        this.http01 = http01;
        this.alpn = alpn;
        this.explainer = new FailureExplainer(directory, settings.challenge());
    }

    /** The account URL once the account has been found or created. */
    Optional<URI> account() {
        return Optional.ofNullable(login).map(l -> toUri(l.getAccountLocation()));
    }

    /**
     * Orders a certificate for {@code names} with {@code key} and returns its chain, leaf first.
     * {@code replacing} is the certificate being renewed, announced to an ARI-capable CA (RFC 9773 §5).
     */
    List<X509Certificate> issue(List<String> names, KeyPair key, Optional<X509Certificate> replacing)
            throws IssuanceFailure {
        try {
            Login account = login();
            Order order;
            try {
                order = newOrder(account, names, replacing.filter(c -> supportsRenewalInfo()));
            } catch (AcmeServerException e) {
                if (!ALREADY_REPLACED.equals(e.getType().toString())) {
                    throw e;
                }
                order = newOrder(account, names, Optional.empty());
            }
            authorize(order);
            Duration timeout = settings.orderTimeout();
            // RFC 8555 §7.4: finalize once the order is "ready", then poll until "valid".
            if (order.waitUntilReady(timeout) != Status.READY && order.getStatus() != Status.VALID) {
                throw orderFailed(order);
            }
            if (order.getStatus() == Status.READY) {
                order.execute(key);
            }
            if (order.waitForCompletion(timeout) != Status.VALID) {
                throw orderFailed(order);
            }
            return order.getCertificate().getCertificateChain();
        } catch (AcmeException | RuntimeException e) {
            login = null; // the account may be gone (e.g. a CA reset): look it up again next time
            throw explainer.explain(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IssuanceFailure("stopped while waiting for the CA");
        }
    }

    /**
     * The CA's suggested renewal window for {@code certificate} (RFC 9773 §4), or empty if the CA offers
     * no renewal information or could not be asked.
     */
    Optional<RenewalWindow> renewalWindow(X509Certificate certificate) {
        try {
            if (!supportsRenewalInfo()) {
                return Optional.empty();
            }
            RenewalInfo info = login().bindRenewalInfo(certificate);
            Optional<Instant> retryAfter = info.fetch();
            return Optional.of(new RenewalWindow(info.getSuggestedWindowStart(), info.getSuggestedWindowEnd(),
                    retryAfter));
        } catch (AcmeException | IssuanceFailure | RuntimeException e) {
            LOG.debugf("No renewal information from %s: %s", directory, e.getMessage());
            return Optional.empty();
        }
    }

    private Order newOrder(Login account, List<String> names, Optional<X509Certificate> replacing)
            throws AcmeException {
        OrderBuilder builder = account.newOrder().domains(names);
        replacing.ifPresent(builder::replaces);
        return builder.create();
    }

    private boolean supportsRenewalInfo() {
        try {
            return session().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
        } catch (AcmeException | IOException e) {
            return false;
        }
    }

    /**
     * Logs into the account of the stored key, creating account and key on first use. RFC 8555 §7.3.1:
     * {@code onlyReturnExisting} finds the account of a key without creating one; a new account requires
     * the operator's agreement to the terms of service (§7.3.3).
     */
    private Login login() throws AcmeException, IssuanceFailure {
        if (login != null) {
            return login;
        }
        Session s;
        KeyPair key;
        try {
            s = session();
            key = store.accountKey();
        } catch (IOException e) {
            throw new IssuanceFailure("cannot read or write the ACME account key " + settings.accountKey() + ": "
                    + e.getMessage());
        }
        try {
            login = new AccountBuilder().onlyExisting().useKeyPair(key).createLogin(s);
            LOG.infof("Using ACME account %s", login.getAccountLocation());
            return login;
        } catch (AcmeServerException e) {
            if (!ACCOUNT_DOES_NOT_EXIST.equals(e.getType().toString())) {
                throw e;
            }
        }
        if (!settings.tosAgreed()) {
            String tos = s.getMetadata().getTermsOfService().map(URI::toString).orElse("the CA's web site");
            throw new IssuanceFailure("no ACME account yet: read the CA's terms of service (" + tos
                    + ") and set KITH_ACME_TOS_AGREED=true, then restart", IssuanceFailure.Retry.NEVER,
                    Optional.empty());
        }
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
        settings.adminEmail().ifPresent(builder::addEmail);
        login = builder.createLogin(s);
        LOG.infof("Created ACME account %s", login.getAccountLocation());
        return login;
    }

    private Session session() throws IOException {
        if (session == null) {
            session = settings.trustedCa().isPresent() && "https".equalsIgnoreCase(directory.getScheme())
                    ? new Session(directory, TrustingAcmeProvider.trusting(settings.trustedCa().get()))
                    : new Session(directory);
        }
        return session;
    }

    /**
     * Answers every pending authorization (RFC 8555 §7.5): publishes all responses first, then tells the
     * CA they are ready (§7.5.1) so that it validates the names in parallel, and withdraws the responses
     * once the CA has decided.
     */
    private void authorize(Order order) throws AcmeException, InterruptedException, IssuanceFailure {
        List<Runnable> withdraw = new ArrayList<>();
        try {
            List<Pending> pending = new ArrayList<>();
            for (Authorization auth : order.getAuthorizations()) {
                String domain = auth.getIdentifier().getDomain();
                if (auth.getStatus() == Status.VALID) {
                    continue;
                }
                if (auth.getStatus() != Status.PENDING) {
                    throw new IssuanceFailure("the CA no longer accepts proof for " + domain + " (authorization "
                            + auth.getStatus().name().toLowerCase(Locale.ROOT) + ")");
                }
                pending.add(new Pending(domain, prepare(auth, domain, withdraw)));
            }
            for (Pending p : pending) {
                p.challenge().trigger();
            }
            for (Pending p : pending) {
                if (p.challenge().waitForCompletion(settings.orderTimeout()) != Status.VALID) {
                    throw p.challenge().getError()
                            .map(problem -> explainer.problem(problem, Optional.of(p.domain())))
                            .orElseGet(() -> new IssuanceFailure("the CA could not verify " + p.domain()));
                }
            }
        } finally {
            withdraw.forEach(Runnable::run);
        }
    }

    private Challenge prepare(Authorization auth, String domain, List<Runnable> withdraw) throws IssuanceFailure {
        ChallengeType type = settings.challenge();
        String notOffered = "the CA does not offer the " + type.token() + " challenge for " + domain
                + "; try the other KITH_ACME_CHALLENGE";
        switch (type) {
            case HTTP_01 -> {
                Http01Challenge c = auth.findChallenge(Http01Challenge.class)
                        .orElseThrow(() -> new IssuanceFailure(notOffered));
                if (!Http01Challenges.isToken(c.getToken())) {
                    throw new IssuanceFailure("the CA sent a malformed challenge for " + domain);
                }
                http01.publish(c.getToken(), c.getAuthorization());
                withdraw.add(() -> http01.withdraw(c.getToken()));
                return c;
            }
            case TLS_ALPN_01 -> {
                TlsAlpn01Challenge c = auth.findChallenge(TlsAlpn01Challenge.class)
                        .orElseThrow(() -> new IssuanceFailure(notOffered));
                alpn.publish(domain, c.getAcmeValidation());
                withdraw.add(() -> alpn.withdraw(domain));
                return c;
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    private IssuanceFailure orderFailed(Order order) {
        return order.getError().map(problem -> explainer.problem(problem, Optional.empty()))
                .orElseGet(() -> new IssuanceFailure("the CA did not issue the certificate (order "
                        + order.getStatus().name().toLowerCase(Locale.ROOT) + ")"));
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Pending(String domain, Challenge challenge) {
    }
}
