/** XEP-0157 Contact Addresses for XMPP Services (§3: the serverinfo form in disco#info). */
package im.kith.xmpp.ext.contact;
