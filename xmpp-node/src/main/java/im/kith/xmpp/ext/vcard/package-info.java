/**
 * vcard-temp (XEP-0054): each account publishes one vCard, stored as sent, readable by anyone on the
 * account's bare JID. Avatars (XEP-0153) ride on it: the PHOTO is stored like any other field, and
 * clients put the hash in their presence themselves (§4.3 of XEP-0153: the server may, but does not
 * have to, rewrite presence).
 */
package im.kith.xmpp.ext.vcard;
