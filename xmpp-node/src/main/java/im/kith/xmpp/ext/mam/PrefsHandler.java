package im.kith.xmpp.ext.mam;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.jid.JidException;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/** Archiving preferences (XEP-0441 §2, namespace {@code urn:xmpp:mam:2}): retrieval and update. */
@ApplicationScoped
public class PrefsHandler {
    private final Preferences preferences;

    @Inject
    public PrefsHandler(Preferences preferences) {
        this.preferences = preferences;
    }

    CompletionStage<Element> get(IqRequest req) {
        MamFeature.ownerSession(req);
        return CompletableFuture.completedFuture(toElement(preferences.of(req.target().local())));
    }

    /** XEP-0441 §2.1: the server stores the preferences and answers with them as now in force. */
    CompletionStage<Element> set(IqRequest req) {
        LocalSession session = MamFeature.ownerSession(req);
        Element prefs = req.iq().payload();
        PrefsMode mode = PrefsMode.of(prefs.attribute("default"));
        if (mode == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "'default' must be always, never or roster");
        }
        ArchivePrefs parsed = new ArchivePrefs(mode, jids(prefs.child("always", MamFeature.NS)),
                jids(prefs.child("never", MamFeature.NS)));
        return preferences.save(req.target().local(), parsed)
                .thenApplyAsync(PrefsHandler::toElement, session.executor());
    }

    private static Set<String> jids(Element list) {
        Set<String> out = new LinkedHashSet<>();
        if (list == null) {
            return out;
        }
        for (Element jid : list.elements("jid", MamFeature.NS)) {
            try {
                out.add(Jid.parse(jid.text().trim()).toString());
            } catch (JidException e) {
                throw new StanzaErrorException(StanzaErrorCondition.JID_MALFORMED, "invalid JID in preferences: " + e.getMessage());
            }
        }
        if (out.size() > 1000) {
            throw new StanzaErrorException(StanzaErrorCondition.POLICY_VIOLATION, "at most 1000 JIDs per list");
        }
        return out;
    }

    static Element toElement(ArchivePrefs prefs) {
        return Element.builder("prefs", MamFeature.NS).attribute("default", prefs.mode().attribute())
                .child(list("always", prefs.always()))
                .child(list("never", prefs.never()))
                .build();
    }

    private static Element list(String name, Set<String> jids) {
        Element.Builder b = Element.builder(name, MamFeature.NS);
        jids.stream().sorted().forEach(j -> b.textChild("jid", j));
        return b.build();
    }
}
