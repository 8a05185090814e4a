package im.kith.acme;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/** Read side of certificate management: the current {@link AcmeStatus}, updated by the manager. */
@ApplicationScoped
public class AcmeStatusView {
    private final AtomicReference<AcmeStatus> current = new AtomicReference<>(new AcmeStatus(
            AcmeState.DISABLED, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));

    /** The latest status; never blocks. */
    public AcmeStatus status() {
        return current.get();
    }

    void update(AcmeStatus status) {
        current.set(status);
    }
}
