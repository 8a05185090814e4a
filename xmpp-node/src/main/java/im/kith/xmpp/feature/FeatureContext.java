package im.kith.xmpp.feature;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/** What a feature may plug into; handed to {@link XmppFeature#register}. */
public interface FeatureContext {

    /** Handles IQ get/set requests of one payload namespace addressed to one kind of target. */
    void iq(IqRoute route, IqHandler handler);

    /**
     * Handles IQ requests of a namespace sent on a secured but not yet authenticated client stream
     * (e.g. XEP-0077 in-band registration). The request's session has no JID; the reply is written
     * straight back on that stream.
     */
    void unauthenticatedIq(String namespace, IqHandler handler);

    /** Advertises a disco#info feature (XEP-0030) on the server or on accounts. */
    void discoFeature(DiscoTarget target, String var);

    /** Advertises a disco#info identity (XEP-0030) on the server or on accounts. */
    void discoIdentity(DiscoTarget target, DiscoIdentity identity);

    /** Advertises a disco#items item of the server (e.g. a component such as groups.DOMAIN). */
    void discoItem(Jid item, String name);

    /** Contributes to {@code <stream:features/>}. */
    void streamFeature(StreamFeature feature);

    /** Handles a first-level non-stanza element ("nonza") on a client stream, e.g. {@code <r xmlns='urn:xmpp:sm:3'/>}. */
    void streamElement(ElementKey key, StreamElementHandler handler);

    /** Sees every stanza a local client sends, before it is routed. */
    void inbound(InboundHook hook);

    /** Sees every stanza routed to a local account, before it is delivered to its sessions. */
    void accountDelivery(AccountDeliveryHook hook);

    /** Sees every stanza about to be written to one client session. */
    void sessionDelivery(SessionDeliveryHook hook);

    /** Takes messages for a local account that has no available resource (RFC 6121 §8.5.2.2). */
    void undeliverable(UndeliverableHandler handler);

    /** Is told when client sessions are bound and closed. */
    void sessionListener(SessionListener listener);

    /**
     * Offers a session feature for inline enabling in Bind 2 (XEP-0386 §2.1): advertised as
     * {@code <feature var='NAMESPACE'/>} and handled when the {@code <bind/>} request holds the element.
     */
    void bindInline(ElementKey request, BindInlineHandler handler);

    /** Takes part in every Bind 2 request before the resource is bound (XEP-0386 §2.2). */
    void bindHook(BindHook hook);

    /**
     * Offers a SASL2 inline feature (XEP-0388 §2.1): {@code offer} goes into the {@code <inline/>} of the
     * {@code <authentication/>} stream feature, and a {@code request} element inside
     * {@code <authenticate/>} is handled once authentication succeeds.
     */
    void authInline(Element offer, ElementKey request, AuthInlineHandler handler);

    /** Receives every stanza addressed to a local component domain (e.g. {@code groups.DOMAIN}). */
    void component(Jid domain, ComponentHandler handler);
}
