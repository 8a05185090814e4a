package im.kith.bench.scenario;

/** A measurement against one server. */
public interface Scenario {

    /** Short name used in output and result files, e.g. {@code closed-small}. */
    String name();

    /** Highest account index plus one that this scenario logs in with. */
    int accountsNeeded();

    /** Runs to completion within a bounded time; leaves no session open. */
    ScenarioResult run(ScenarioContext context) throws Exception;
}
