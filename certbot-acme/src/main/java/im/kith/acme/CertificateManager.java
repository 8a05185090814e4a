package im.kith.acme;

import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Keeps the node's certificate valid: obtains one in the background at start-up, checks every hour
 * whether it is due for renewal (two thirds of its lifetime, or earlier on the CA's ARI advice), renews
 * it and retries failures with exponential back-off. Nothing here ever throws into the application:
 * each outcome lands in the {@link AcmeStatusView} and in one log line.
 *
 * <p>All work runs one attempt at a time on a single virtual thread; the scheduler tick only compares
 * the injected clock with the next attempt time, so a missed start-up signal is made up for by the first
 * tick a minute later. When ACME is off this bean does nothing.
 */
@ApplicationScoped
public class CertificateManager {
    private static final Logger LOG = Logger.getLogger(CertificateManager.class);
    /** How often an installed, valid certificate is looked at. */
    static final Duration CHECK_INTERVAL = Duration.ofHours(1);
    /** Renewal failures are escalated to the admins when the certificate expires within this. */
    static final Duration ALERT_HORIZON = Duration.ofDays(7);
    private static final Duration ALERT_REPEAT = Duration.ofDays(1);
    /** RFC 9773 §4.3: Retry-After of the renewalInfo resource, clamped to one minute .. one day. */
    private static final Duration ARI_MIN_RECHECK = Duration.ofMinutes(1);
    private static final Duration ARI_MAX_RECHECK = Duration.ofDays(1);

    private final AcmeSettings settings;
    private final Clock clock;
    private final AcmeStatusView view;
    private final Event<CertificateInstalled> installedEvent;
    private final Event<CertificateRenewalFailing> failingEvent;
    private final CertificateStore store;
    private final Optional<AcmeIssuer> issuer;
    private final RenewalPolicy policy = new RenewalPolicy(new SplittableRandom());
    private final Backoff backoff;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofVirtual().name("kith-acme").factory());
    private final AtomicBoolean checkQueued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();

    // Confined to the worker thread.
    private int failures;
    private Instant lastAlert;
    private RenewalWindow ariWindow;
    private Instant ariPick;
    private Instant ariRecheck = Instant.MIN;

    CertificateManager(AcmeSettings settings, Clock clock, AcmeStatusView view, Http01Challenges http01,
            AlpnChallengeCertificates alpn, Event<CertificateInstalled> installedEvent,
            Event<CertificateRenewalFailing> failingEvent) {
        this.settings = settings;
        this.clock = clock;
        this.view = view;
        this.installedEvent = installedEvent;
        this.failingEvent = failingEvent;
        this.store = new CertificateStore(settings);
        this.backoff = new Backoff(settings.retryMin(), settings.retryMax());
        this.issuer = settings.activation() instanceof AcmeSettings.Activation.On on
                ? Optional.of(new AcmeIssuer(settings, on.directory(), store, http01, alpn))
                : Optional.empty();
        view.update(initialStatus());
    }

    void onStart(@Observes StartupEvent event) {
        if (issuer.isEmpty()) {
            LOG.infof("ACME certificates: %s", view.status().lastError().orElse("off"));
            return;
        }
        LOG.infof("ACME certificates for %s from %s", settings.names(), directory());
        if (settings.challenge() != ChallengeType.HTTP_01) {
            firstCheck();
        }
    }

    /** HTTP-01 needs the plain HTTP listener: the first check waits until it accepts connections. */
    void onHttpListening(@ObservesAsync HttpServerStart event) {
        if (issuer.isPresent() && settings.challenge() == ChallengeType.HTTP_01) {
            firstCheck();
        }
    }

    private void firstCheck() {
        if (started.compareAndSet(false, true)) {
            checkNow();
        }
    }

    @Scheduled(every = "60s", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Optional<Instant> next = view.status().nextAttempt();
        if (issuer.isPresent() && next.isPresent() && !clock.instant().isBefore(next.get())) {
            checkNow();
        }
    }

    /**
     * Looks at the certificate now and obtains or renews it if needed. Completes with the resulting
     * status; a check already queued is not queued twice.
     */
    public CompletionStage<AcmeStatus> checkNow() {
        if (issuer.isEmpty()) {
            return CompletableFuture.completedFuture(view.status());
        }
        if (!checkQueued.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(view.status());
        }
        return submit(false);
    }

    /** Renews (or obtains) the certificate now, whether or not it is due, e.g. for {@code kithctl}. */
    public CompletionStage<AcmeStatus> renewNow() {
        if (issuer.isEmpty()) {
            return CompletableFuture.completedFuture(view.status());
        }
        return submit(true);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private CompletionStage<AcmeStatus> submit(boolean force) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                if (!force) {
                    checkQueued.set(false);
                }
                return run(force);
            }, worker);
        } catch (RejectedExecutionException stopped) {
            return CompletableFuture.completedFuture(view.status());
        }
    }

    private AcmeStatus run(boolean force) {
        AcmeStatus status;
        try {
            status = attempt(force, issuer.orElseThrow());
        } catch (IssuanceFailure failure) {
            status = failed(failure);
        } catch (RuntimeException e) {
            status = failed(new IssuanceFailure("unexpected error: " + e));
            LOG.debug("Certificate attempt failed", e);
        }
        view.update(status);
        return status;
    }

    private AcmeStatus attempt(boolean force, AcmeIssuer acme) throws IssuanceFailure {
        Instant now = clock.instant();
        Optional<InstalledCertificate> current = usableCertificate(now);
        if (current.isPresent() && view.status().notAfter().isEmpty()) {
            // First look after start-up: show the installed certificate before asking the CA anything.
            view.update(valid(current.get(), now, now, acme));
        }
        if (current.isPresent() && !force) {
            Instant renewAt = renewalTime(current.get(), acme, now);
            if (now.isBefore(renewAt)) {
                return valid(current.get(), renewAt, now, acme);
            }
        }
        view.update(view.status().with(current.isPresent() ? AcmeState.RENEWING : AcmeState.OBTAINING));
        KeyPair key = current.flatMap(InstalledCertificate::keyPair)
                .filter(k -> !settings.renewKey())
                .orElseGet(CertificateStore::newCertificateKey);
        List<X509Certificate> chain = acme.issue(settings.names(), key,
                current.map(InstalledCertificate::leaf));
        InstalledCertificate fresh;
        try {
            fresh = store.install(chain, key.getPrivate(), directory());
        } catch (IOException e) {
            throw new IssuanceFailure("the certificate was issued but cannot be written to "
                    + settings.fullchain().getParent() + ": " + e.getMessage());
        }
        failures = 0;
        ariWindow = null;
        ariPick = null;
        ariRecheck = Instant.MIN;
        LOG.infof("Installed certificate for %s, valid until %s%s", settings.names(), fresh.notAfter(),
                current.isPresent() && key.getPrivate().equals(current.get().key().orElse(null)) ? " (same key)" : "");
        fire(installedEvent, new CertificateInstalled(settings.fullchain(), settings.privateKey(),
                fresh.notAfter(), settings.names()));
        Instant renewAt = RenewalPolicy.twoThirds(fresh.notBefore(), fresh.notAfter());
        return valid(fresh, renewAt, clock.instant(), acme);
    }

    /** The installed certificate if it is a CA certificate for our names, valid now, from the configured CA. */
    private Optional<InstalledCertificate> usableCertificate(Instant now) {
        boolean sameCa = store.issuedBy().map(directory()::equals).orElse(true);
        return store.current().filter(c -> sameCa && c.isUsableFor(settings.names(), now));
    }

    private URI directory() {
        return ((AcmeSettings.Activation.On) settings.activation()).directory();
    }

    /** The earlier of the two-thirds point and a time picked in the CA's ARI window, if it has one. */
    private Instant renewalTime(InstalledCertificate cert, AcmeIssuer acme, Instant now) {
        if (!now.isBefore(ariRecheck)) {
            Optional<RenewalWindow> window = acme.renewalWindow(cert.leaf());
            if (window.isPresent() && !window.get().equals(ariWindow)) {
                ariWindow = window.get();
                ariPick = policy.pick(ariWindow);
                LOG.infof("The CA suggests renewing between %s and %s; picked %s", ariWindow.start(),
                        ariWindow.end(), ariPick);
            }
            Instant recheck = window.flatMap(RenewalWindow::recheckAfter).orElse(now.plus(CHECK_INTERVAL));
            ariRecheck = clamp(recheck, now.plus(ARI_MIN_RECHECK), now.plus(ARI_MAX_RECHECK));
        }
        return RenewalPolicy.renewAt(cert.notBefore(), cert.notAfter(), Optional.ofNullable(ariPick));
    }

    private AcmeStatus valid(InstalledCertificate cert, Instant renewAt, Instant now, AcmeIssuer acme) {
        Instant next = renewAt.isBefore(now.plus(CHECK_INTERVAL)) ? renewAt : now.plus(CHECK_INTERVAL);
        return new AcmeStatus(AcmeState.VALID, settings.names(), Optional.of(cert.notAfter()), Optional.empty(),
                Optional.of(next), acme.account().or(() -> view.status().account()));
    }

    private AcmeStatus failed(IssuanceFailure failure) {
        Instant now = clock.instant();
        failures++;
        Optional<Instant> next = failure.retry() == IssuanceFailure.Retry.NEVER
                ? Optional.empty()
                : Optional.of(backoff.next(now, failures, failure.retryAfter()));
        String message = failure.retry() == IssuanceFailure.Retry.RATE_LIMITED
                ? failure.getMessage() + "; next try at " + next.orElseThrow()
                : failure.getMessage();
        Optional<Instant> notAfter = usableCertificate(now).map(InstalledCertificate::notAfter);
        LOG.warnf("Certificate for %s not obtained (failure %d): %s; next attempt: %s", settings.names(), failures,
                message, next.map(Instant::toString).orElse("after a configuration change and restart"));
        if (notAfter.isPresent() && notAfter.get().isBefore(now.plus(ALERT_HORIZON))
                && (lastAlert == null || !now.isBefore(lastAlert.plus(ALERT_REPEAT)))) {
            lastAlert = now;
            fire(failingEvent, new CertificateRenewalFailing(sentence(message), notAfter.get()));
        }
        return new AcmeStatus(AcmeState.FAILING, settings.names(), notAfter, Optional.of(message), next,
                issuer.flatMap(AcmeIssuer::account).or(() -> view.status().account()));
    }

    private AcmeStatus initialStatus() {
        return switch (settings.activation()) {
            case AcmeSettings.Activation.Off off -> new AcmeStatus(AcmeState.DISABLED, settings.names(),
                    Optional.empty(), Optional.of(off.reason()), Optional.empty(), Optional.empty());
            case AcmeSettings.Activation.Invalid invalid -> new AcmeStatus(AcmeState.FAILING, settings.names(),
                    Optional.empty(), Optional.of(invalid.problem()), Optional.empty(), Optional.empty());
            case AcmeSettings.Activation.On on -> new AcmeStatus(AcmeState.OBTAINING, settings.names(),
                    Optional.empty(), Optional.empty(), Optional.of(clock.instant()), Optional.<URI>empty());
        };
    }

    private static <T> void fire(Event<T> event, T payload) {
        try {
            event.fire(payload);
        } catch (RuntimeException e) {
            LOG.errorf("An observer of %s failed: %s", payload.getClass().getSimpleName(), e.toString());
        }
    }

    /** "port 80 is …" becomes "Port 80 is ….", for quoting inside a message to the admins. */
    private static String sentence(String message) {
        String capital = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }

    private static Instant clamp(Instant value, Instant min, Instant max) {
        return value.isBefore(min) ? min : value.isAfter(max) ? max : value;
    }
}
