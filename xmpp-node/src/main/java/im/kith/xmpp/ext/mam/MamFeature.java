package im.kith.xmpp.ext.mam;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0313 Message Archive Management on every account's bare JID. Runs after policy features
 * (blocking) and before features that copy stanzas (carbons), so that copies carry the stanza-id.
 */
@ApplicationScoped
public class MamFeature implements XmppFeature {
    static final String NS = "urn:xmpp:mam:2";
    static final String EXTENDED = "urn:xmpp:mam:2#extended";

    private final Archiver archiver;
    private final MamQueries queries;
    private final PrefsHandler prefs;

    @Inject
    public MamFeature(Archiver archiver, MamQueries queries, PrefsHandler prefs) {
        this.archiver = archiver;
        this.queries = queries;
        this.prefs = prefs;
    }

    @Override
    public String name() {
        return "mam";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public void register(FeatureContext ctx) {
        // §7: user archives are advertised on the account's bare JID.
        ctx.discoFeature(DiscoTarget.ACCOUNT, NS);
        ctx.discoFeature(DiscoTarget.ACCOUNT, EXTENDED);
        ctx.discoFeature(DiscoTarget.ACCOUNT, Archiver.SID);
        ctx.iq(IqRoute.accountGet(NS), this::get);
        ctx.iq(IqRoute.accountSet(NS), this::set);
        // XEP-0386 §2.2: the archive's state at binding time, for the client to synchronise from.
        ctx.bindHook(queries::metadata);
        ctx.inbound(archiver::sent);
        ctx.accountDelivery(archiver::received);
    }

    private CompletionStage<Element> get(IqRequest req) {
        return switch (req.iq().payload().name()) {
            case "query" -> queries.form(req);
            case "metadata" -> queries.metadata(req);
            case "prefs" -> prefs.get(req);
            default -> throw new StanzaErrorException(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED);
        };
    }

    private CompletionStage<Element> set(IqRequest req) {
        return switch (req.iq().payload().name()) {
            case "query" -> queries.query(req);
            case "prefs" -> prefs.set(req);
            default -> throw new StanzaErrorException(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED);
        };
    }

    /** Archives are the account's own: only its resources may read or configure them. */
    static LocalSession ownerSession(IqRequest req) {
        if (!req.fromOwner() || req.session() == null) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "an archive is only open to its owner");
        }
        return req.session();
    }
}
