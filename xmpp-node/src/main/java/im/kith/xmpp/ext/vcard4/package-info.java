/**
 * vCard4 over XMPP: XEP-0292 (version 0.12.0), on top of the PEP service of {@code ext.pep}.
 *
 * <p>Implemented for servers: an account publishes its vCard as the item of its PEP node
 * {@code urn:xmpp:vcard4} and anyone the node's access model admits retrieves it from the account's
 * bare JID (§4.1); the node accepts only {@code <vcard xmlns='urn:ietf:params:xml:ns:vcard-4.0'/>}
 * payloads (§3), anything else is bad-request with {@code <invalid-payload/>} (XEP-0060 §7.1.3.6). The
 * node is created with the PEP defaults (access model 'presence', XEP-0163 §5; the newest item only)
 * unless the publish carries publish-options (XEP-0223), e.g. {@code pubsub#access_model=open} for a
 * world-readable vCard. Contacts whose XEP-0115 capabilities carry {@code urn:xmpp:vcard4+notify} are
 * notified (§4.2, implicit subscription). Contact vCards go to {@code urn:xmpp:contacts}, whose access
 * model is 'whitelist' unless the client asks otherwise (§5.2). Server and accounts advertise
 * {@code urn:ietf:params:xml:ns:vcard-4.0} in disco#info (§7).
 *
 * <p>Not done, because the XEP asks nothing of servers there: vCard4 and vcard-temp (XEP-0054,
 * {@code ext.vcard}) are stored and served independently, without mirroring. §11 describes a mapping
 * for migrating clients and servers and §12 gives tools that are "purely informational"; no
 * requirement makes a server keep the two in step. Also not done: a vCard of the server itself (§6),
 * explicit subscriptions (§4.2.1, second option; the PEP service has none), and checking that a contact
 * vCard's item id is the contact's bare JID (§5.2 makes that the client's duty).
 *
 * <p>Where Kith chooses: notifications carry the vCard, as XEP-0163 §5 has PEP nodes deliver payloads
 * by default, although the example of §4.2.2 shows a notification without one. §8 calls published
 * vCards world-readable, but names no access model; the node keeps the PEP default 'presence' unless
 * the client publishes with {@code pubsub#access_model=open}.
 */
package im.kith.xmpp.ext.vcard4;
