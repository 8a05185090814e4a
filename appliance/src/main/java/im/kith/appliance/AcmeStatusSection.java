package im.kith.appliance;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.acme.AcmeStatus;
import im.kith.acme.AcmeStatusView;
import im.kith.xmpp.status.StatusSection;

/**
 * Certificate management in {@code kithctl status}: state, names, expiry, the last error, the next try, and
 * the ACME account once the CA has been contacted.
 */
@ApplicationScoped
public class AcmeStatusSection implements StatusSection {
    private final AcmeStatusView acme;

    AcmeStatusSection(AcmeStatusView acme) {
        this.acme = acme;
    }

    @Override
    public String name() {
        return "acme";
    }

    @Override
    public Map<String, String> fields() {
        AcmeStatus s = acme.status();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("state", s.state().name());
        if (!s.names().isEmpty()) {
            fields.put("names", String.join(", ", s.names()));
        }
        s.notAfter().ifPresent(t -> fields.put("valid until", t.toString()));
        s.lastError().ifPresent(e -> fields.put("last error", e));
        s.nextAttempt().ifPresent(t -> fields.put("next attempt", t.toString()));
        s.account().ifPresent(a -> fields.put("account", a.toString()));
        return fields;
    }
}
