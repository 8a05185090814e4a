package im.kith.xmpp.s2s;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.config.NodeConfig;


/**
 * Which remote domains this server talks to, and how: federation on/off, block and allow lists,
 * static routes replacing DNS, and domains whose certificates are not checked (unsafe, tests only).
 */
@ApplicationScoped
public class FederationPolicy {
    private final boolean enabled;
    private final Set<String> blocked;
    private final Optional<Set<String>> allowed;
    private final Set<String> insecure;
    private final Map<String, StaticRoute> routes;

    /**
     * @param node its {@code federation()} (KITH_FEDERATION) says whether this server federates at all;
     *             off means no s2s listener and remote stanzas bounce with remote-server-not-found
     */
    @Inject
    public FederationPolicy(FederationConfig s2s, NodeConfig node) {
        this.enabled = node.federation();
        this.blocked = domains(s2s.blocklist());
        this.allowed = s2s.allowlist().map(l -> domains(Optional.of(l)));
        this.insecure = domains(s2s.insecureDomains());
        this.routes = routes(s2s.hosts().orElse(List.of()));
    }

    /** A {@code host:port} that replaces DNS resolution for one domain. */
    public record StaticRoute(String host, int port) {
    }

    private static Set<String> domains(Optional<List<String>> list) {
        return list.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, StaticRoute> routes(List<String> entries) {
        Map<String, StaticRoute> out = new HashMap<>();
        for (String entry : entries) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            int colon = e.lastIndexOf(':');
            if (eq <= 0 || colon <= eq) {
                throw new IllegalArgumentException("KITH_S2S_HOSTS entry must be domain=host:port: " + e);
            }
            String host = e.substring(eq + 1, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            out.put(e.substring(0, eq).toLowerCase(Locale.ROOT),
                    new StaticRoute(host, Integer.parseInt(e.substring(colon + 1))));
        }
        return Map.copyOf(out);
    }

    /** Whether federation is switched on (KITH_FEDERATION). */
    public boolean enabled() {
        return enabled;
    }

    /** Whether stanzas may be exchanged with this domain (and its sub-domains for the block list). */
    public boolean permits(String domain) {
        if (!enabled) {
            return false;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        for (String b : blocked) {
            if (d.equals(b) || d.endsWith("." + b)) {
                return false;
            }
        }
        return allowed.map(a -> a.contains(d)).orElse(true);
    }

    /** Whether unverifiable certificates are accepted from this domain (KITH_S2S_INSECURE_DOMAINS). */
    public boolean insecure(String domain) {
        return insecure.contains(domain.toLowerCase(Locale.ROOT));
    }

    /** The static route replacing DNS for this domain, if configured. */
    public Optional<StaticRoute> staticRoute(String domain) {
        return Optional.ofNullable(routes.get(domain.toLowerCase(Locale.ROOT)));
    }
}
