package im.kith.xmpp.ext.push;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Provider;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.router.Router;
import im.kith.xmpp.router.SessionRegistry;
import im.kith.xmpp.session.ClientSession;
import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.Stanza;
import im.kith.xmpp.stanza.StanzaKind;
import im.kith.xmpp.xml.Element;

/**
 * Publishes XEP-0357 §7 summaries to app servers for devices that are away, at most one per device per
 * {@code kith.push.min-interval} (messages in between are counted into the next), and disables a
 * registration whose app server answers with an error.
 */
@ApplicationScoped
class PushNotifier {
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String DATA = "jabber:x:data";
    static final String SUMMARY = "urn:xmpp:push:summary";
    static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";
    private static final Logger LOG = Logger.getLogger(PushNotifier.class);

    private final Registrations registrations;
    private final SessionRegistry sessions;
    private final Provider<Router> router;
    private final PushConfig config;
    private final Vertx vertx;
    private final Clock clock;
    private final String domain;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<Registration.Key, Device> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    PushNotifier(Registrations registrations, SessionRegistry sessions, Provider<Router> router, PushConfig config,
            Vertx vertx, Clock clock, NodeConfig node) {
        this.registrations = registrations;
        this.sessions = sessions;
        this.router = router;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
        this.domain = Jid.domain(node.domain()).domain();
    }

    /** A publish waiting for the app server's answer. */
    private record Pending(Registration registration, Instant expires) {
    }

    /** Per-device counters: messages since the device was last online, and the throttle. */
    private static final class Device {
        int count;
        Jid lastSender;
        Instant lastSent = Instant.EPOCH;
        boolean scheduled;
    }

    /** A message reached the account: notify every registered device that is away. */
    void messageArrived(Jid account, Stanza message) {
        for (Registration r : registrations.of(account.local())) {
            if (away(account, r)) {
                count(r, message.from());
            }
        }
    }

    /** Whether the device's resource has no live stream: offline, or detached awaiting resumption. */
    private boolean away(Jid account, Registration r) {
        LocalSession s = sessions.session(account.withResource(r.resource()));
        return s == null || (s instanceof ClientSession cs && cs.detached());
    }

    private void count(Registration r, Jid sender) {
        Device d = devices.computeIfAbsent(r.key(), k -> new Device());
        long delay;
        synchronized (d) {
            d.count++;
            d.lastSender = sender;
            if (d.scheduled) {
                return;
            }
            Duration since = Duration.between(d.lastSent, clock.instant());
            delay = config.minInterval().minus(since).toMillis();
            d.scheduled = true;
        }
        if (delay <= 0) {
            publish(r, d);
        } else {
            vertx.setTimer(delay, t -> publish(r, d));
        }
    }

    /** The device is back: its count starts afresh. */
    void deviceOnline(Jid full) {
        for (Registration r : registrations.of(full.local())) {
            if (r.resource().equals(full.resource())) {
                devices.remove(r.key());
            }
        }
    }

    private void publish(Registration r, Device d) {
        int count;
        Jid sender;
        synchronized (d) {
            d.scheduled = false;
            d.lastSent = clock.instant();
            count = d.count;
            sender = d.lastSender;
        }
        if (!registrations.of(r.owner()).contains(r)) {
            return; // disabled meanwhile
        }
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = "push-" + HexFormat.of().formatHex(idBytes);
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.expires().isBefore(now));
        pending.put(id, new Pending(r, now.plus(config.replyTimeout())));
        Jid from = Jid.of(r.owner(), domain, null);
        Element iq = Element.builder("iq", Ns.CLIENT).attribute("type", "set").attribute("id", id)
                .attribute("from", from).attribute("to", r.service())
                .child(pubsub(r, count, config.includeSender() ? sender : null)).build();
        router.get().route(new Stanza(StanzaKind.IQ, iq, from, r.service()));
    }

    /** §7: the summary form; the body is never included. */
    static Element pubsub(Registration r, int count, Jid sender) {
        Element.Builder summary = Element.builder("x", DATA).attribute("type", "submit")
                .child(field("FORM_TYPE", SUMMARY)).child(field("message-count", Integer.toString(count)));
        if (sender != null) {
            summary.child(field("last-message-sender", sender.toString()));
        }
        Element.Builder ps = Element.builder("pubsub", PUBSUB).child(Element.builder("publish", PUBSUB)
                .attribute("node", r.node())
                .child(Element.builder("item", PUBSUB).child(Element.builder("notification", PushFeature.NS)
                        .child(summary.build()).build()).build())
                .build());
        if (!r.options().isEmpty()) {
            // §7: the publish-options given when enabling are passed on.
            Element.Builder options = Element.builder("x", DATA).attribute("type", "submit")
                    .child(field("FORM_TYPE", PUBLISH_OPTIONS));
            for (Map.Entry<String, String> o : r.options().entrySet()) {
                options.child(field(o.getKey(), o.getValue()));
            }
            ps.child(Element.builder("publish-options", PUBSUB).child(options.build()).build());
        }
        return ps.build();
    }

    private static Element field(String var, String value) {
        return Element.builder("field", DATA).attribute("var", var)
                .child(Element.builder("value", DATA).text(value).build()).build();
    }

    /**
     * Takes the app server's answer to a publish; true when it was one. An error disables the
     * registration (§7: the app server could not deliver, e.g. the device unregistered).
     */
    boolean answer(Stanza iq) {
        if (iq.id() == null || !iq.id().startsWith("push-")) {
            return false;
        }
        Pending p = pending.get(iq.id());
        if (p == null || iq.from() == null || !iq.from().equals(p.registration().service())) {
            return false;
        }
        pending.remove(iq.id());
        if (iq.isError()) {
            Registration r = p.registration();
            LOG.infof("push app server %s answered with an error; disabling a registration of %s", r.service(),
                    r.owner());
            devices.remove(r.key());
            registrations.disable(r.owner(), r.service(), r.node());
        }
        return true;
    }
}
