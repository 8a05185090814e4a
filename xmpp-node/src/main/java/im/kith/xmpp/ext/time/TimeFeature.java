package im.kith.xmpp.ext.time;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.xml.Element;

/** XEP-0202 Entity Time of the server, in UTC (§4: tzo and utc per XEP-0082). */
@ApplicationScoped
public class TimeFeature implements XmppFeature {
    static final String NS = "urn:xmpp:time";

    private final Clock clock;

    @Inject
    public TimeFeature(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "time";
    }

    @Override
    public void register(FeatureContext ctx) {
        ctx.discoFeature(DiscoTarget.SERVER, NS);
        ctx.iq(IqRoute.serverGet(NS), req -> CompletableFuture.completedFuture(Element.builder("time", NS)
                .textChild("tzo", "+00:00")
                .textChild("utc", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)
                        .atOffset(ZoneOffset.UTC)))
                .build()));
    }
}
