package im.kith.xmpp.support;

import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Every {@link IntakePressure} of the node, asked at once: the longest pause any of them wants. */
@Singleton
public class IntakeGate {
    private final List<IntakePressure> sources;

    @Inject
    public IntakeGate(Instance<IntakePressure> sources) {
        this.sources = sources.stream().toList();
    }

    /** Milliseconds a connection should stop reading now; 0 when nothing is behind. */
    public long pauseMillis() {
        long pause = 0;
        for (IntakePressure p : sources) {
            pause = Math.max(pause, p.pauseMillis());
        }
        return pause;
    }
}
