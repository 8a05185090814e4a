package im.kith.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {
    private static final Instant ISSUED = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant EXPIRES = ISSUED.plus(Duration.ofDays(90));

    private final RenewalPolicy policy = new RenewalPolicy(new SplittableRandom(42));

    @Test
    void ninetyDayCertificateIsRenewedAfterSixtyDays() {
        assertThat(RenewalPolicy.twoThirds(ISSUED, EXPIRES)).isEqualTo(ISSUED.plus(Duration.ofDays(60)));
        assertThat(RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.empty()))
                .isEqualTo(ISSUED.plus(Duration.ofDays(60)));
    }

    @Test
    void sixDayCertificateIsRenewedAfterFourDays() {
        Instant expires = ISSUED.plus(Duration.ofDays(6));

        assertThat(RenewalPolicy.twoThirds(ISSUED, expires)).isEqualTo(ISSUED.plus(Duration.ofDays(4)));
    }

    @Test
    void earlierTimeFromTheCasWindowWins() {
        Instant suggested = ISSUED.plus(Duration.ofDays(10));

        assertThat(RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.of(suggested))).isEqualTo(suggested);
    }

    @Test
    void laterTimeFromTheCasWindowDoesNotPostponeRenewalPastTwoThirds() {
        Instant suggested = ISSUED.plus(Duration.ofDays(80));

        assertThat(RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.of(suggested)))
                .isEqualTo(ISSUED.plus(Duration.ofDays(60)));
    }

    @RepeatedTest(20)
    void timePickedInTheWindowLiesInsideIt() {
        RenewalWindow window = new RenewalWindow(ISSUED.plus(Duration.ofDays(30)), ISSUED.plus(Duration.ofDays(32)),
                Optional.empty());

        assertThat(policy.pick(window)).isBetween(window.start(), window.end());
    }

    @Test
    void windowInThePastMeansRenewNow() {
        Instant now = ISSUED.plus(Duration.ofDays(20));
        RenewalWindow revoked = new RenewalWindow(ISSUED.plus(Duration.ofDays(1)), ISSUED.plus(Duration.ofDays(2)),
                Optional.empty());

        assertThat(RenewalPolicy.renewAt(ISSUED, EXPIRES, Optional.of(policy.pick(revoked)))).isBefore(now);
    }
}
