package im.kith.xmpp.ext.sm;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import im.kith.xmpp.feature.AuthInlineHandler;
import im.kith.xmpp.feature.ElementKey;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.LocalSession;
import im.kith.xmpp.feature.StreamFeature;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.session.ClientSession;
import im.kith.xmpp.session.UnboundSession;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;

/** XEP-0198 Stream Management: the nonzas {@code <enable/>}, {@code <r/>}, {@code <a/>} and {@code <resume/>}. */
@ApplicationScoped
public class StreamManagementFeature implements XmppFeature {
    private final SmConfig config;
    private final ResumableSessions resumable;
    private final UnackedRerouter rerouter;
    private final Clock clock;

    @Inject
    public StreamManagementFeature(SmConfig config, ResumableSessions resumable, UnackedRerouter rerouter,
            Clock clock) {
        this.config = config;
        this.resumable = resumable;
        this.rerouter = rerouter;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sm";
    }

    @Override
    public void register(FeatureContext ctx) {
        // §2: offered once authenticated, since it applies to the exchange of stanzas.
        Element sm = Element.of("sm", SmXml.NS);
        ctx.streamFeature((phase, session) -> phase == StreamFeature.Phase.POST_AUTH ? sm : null);
        ctx.streamElement(new ElementKey("enable", SmXml.NS), (s, e, auth) -> enable(s, e));
        ctx.streamElement(new ElementKey("r", SmXml.NS), (s, e, auth) -> request(s));
        ctx.streamElement(new ElementKey("a", SmXml.NS), (s, e, auth) -> ack(s, e));
        ctx.streamElement(new ElementKey("resume", SmXml.NS), (s, e, auth) -> resume(s, e));
        // XEP-0388 §2.1 / XEP-0198 with SASL2: resumption inside <authenticate/>, answered in <success/>.
        ctx.authInline(sm, new ElementKey("resume", SmXml.NS), this::resumeInline);
        // XEP-0386 §2.2: <enable/> inside a Bind 2 request, answered in <bound/>.
        ctx.bindInline(new ElementKey("enable", SmXml.NS), (s, e) -> s instanceof ClientSession session
                && session.tracker() == null ? start(session, e) : SmXml.failed(StanzaErrorCondition.UNEXPECTED_REQUEST, null));
    }

    private void enable(LocalSession s, Element enable) {
        if (s == null) {
            return; // before authentication the stream has nowhere to answer; the element is ignored
        }
        if (!(s instanceof ClientSession session) || session.tracker() != null) {
            // §3: only after resource binding, and only once.
            s.writeElement(SmXml.failed(StanzaErrorCondition.UNEXPECTED_REQUEST, null));
            return;
        }
        // §3: <enabled/> first; stanzas written after it are counted.
        session.writeElement(start(session, enable));
    }

    /** Starts tracking the session and returns the {@code <enabled/>} to send before any counted stanza. */
    private Element start(ClientSession session, Element enable) {
        Duration window = config.resumeTimeout();
        Long max = SmXml.sequence(enable.attribute("max"));
        if (max != null && max > 0 && Duration.ofSeconds(max).compareTo(window) < 0) {
            window = Duration.ofSeconds(max); // §3: the client's preferred maximum, when shorter
        }
        boolean resume = SmXml.bool(enable.attribute("resume")) && window.isPositive();
        SmSession sm = new SmSession(session, resume ? resumable.newId() : null, window, config.maxUnacked(),
                clock, resumable, rerouter);
        session.track(sm);
        if (resume) {
            resumable.register(sm);
        }
        return SmXml.enabled(sm.id(), window);
    }

    private void request(LocalSession s) {
        SmSession sm = tracked(s);
        if (sm != null) {
            // §4: an <r/> MUST be answered with the number of stanzas handled.
            sm.requested();
        }
    }

    private void ack(LocalSession s, Element a) {
        SmSession sm = tracked(s);
        if (sm == null) {
            return;
        }
        Long h = SmXml.sequence(a.attribute("h"));
        if (h == null) {
            // §4: an <a/> MUST possess an 'h' attribute (an xs:unsignedInt).
            s.closeWithError(StreamErrorCondition.BAD_FORMAT, "<a/> needs an 'h' between 0 and 4294967295");
        } else if (!sm.ack(h)) {
            // §6: acknowledging more than was sent is an undefined-condition with handled-count-too-high.
            sm.session().closeWithError(StreamErrorCondition.UNDEFINED_CONDITION, "You acknowledged " + h
                    + " stanzas, but I only sent you " + sm.sendCount() + " so far.",
                    SmXml.handledCountTooHigh(h, sm.sendCount()));
        }
    }

    /** The session's stream management, or null after answering {@code <failed/>} (§6). */
    private static SmSession tracked(LocalSession s) {
        if (s instanceof ClientSession session && session.tracker() instanceof SmSession sm) {
            return sm;
        }
        if (s != null) {
            s.writeElement(SmXml.failed(StanzaErrorCondition.UNEXPECTED_REQUEST, null));
        }
        return null;
    }

    private void resume(LocalSession s, Element resume) {
        if (!(s instanceof UnboundSession stream)) {
            if (s != null) {
                // §5: resumption takes the place of resource binding, so not on a bound stream.
                s.writeElement(SmXml.failed(StanzaErrorCondition.UNEXPECTED_REQUEST, null));
            }
            return;
        }
        resume(stream, resume, new SmResumption.Answer() {
            @Override
            public void resumed(Element resumed, Runnable resend) {
                stream.writeElement(resumed);
                resend.run();
            }

            @Override
            public void failed(Element failed) {
                stream.writeElement(failed);
            }
        });
    }

    private void resumeInline(UnboundSession stream, Element resume, AuthInlineHandler.Result result) {
        resume(stream, resume, new SmResumption.Answer() {
            @Override
            public void resumed(Element resumed, Runnable resend) {
                result.resumed(resumed, resend);
            }

            @Override
            public void failed(Element failed) {
                result.done(failed);
            }
        });
    }

    private void resume(UnboundSession stream, Element resume, SmResumption.Answer answer) {
        String previd = resume.attribute("previd");
        Long h = SmXml.sequence(resume.attribute("h"));
        if (previd == null || h == null) {
            // §5: 'previd' and 'h' are both required.
            answer.failed(SmXml.failed(StanzaErrorCondition.BAD_REQUEST, null));
            return;
        }
        SmSession sm = resumable.claim(previd, stream.localpart());
        if (sm == null) {
            // §5: unknown, expired, or another account's session: item-not-found alike, revealing nothing.
            answer.failed(SmXml.failed(StanzaErrorCondition.ITEM_NOT_FOUND, null));
            return;
        }
        stream.resume(sm.session(), new SmResumption(sm, h, answer, resumable));
    }
}
