package im.kith.xmpp.account;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Records the account events the service fires, for the tests to inspect. */
@ApplicationScoped
public class RecordedAccountEvents {
    private final List<Object> events = new CopyOnWriteArrayList<>();

    void created(@Observes AccountCreated e) {
        events.add(e);
    }

    void removed(@Observes AccountRemoved e) {
        events.add(e);
    }

    void disabled(@Observes AccountDisabled e) {
        events.add(e);
    }

    void passwordChanged(@Observes PasswordChanged e) {
        events.add(e);
    }

    public List<Object> all() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }
}
