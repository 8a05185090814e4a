package im.kith.bench.scenario;

/** The target lacks what a scenario needs, e.g. a MUC service; the scenario is reported as not applicable. */
public final class ScenarioSkipped extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioSkipped(String reason) {
        super(reason);
    }
}
