package im.kith.acme;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** What the application supplies in production: the clock, and observers of the module's events. */
@Singleton
class TestBeans {
    final List<CertificateInstalled> installed = new CopyOnWriteArrayList<>();
    final List<CertificateRenewalFailing> failing = new CopyOnWriteArrayList<>();

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    void onInstalled(@Observes CertificateInstalled event) {
        installed.add(event);
    }

    void onFailing(@Observes CertificateRenewalFailing event) {
        failing.add(event);
    }
}
