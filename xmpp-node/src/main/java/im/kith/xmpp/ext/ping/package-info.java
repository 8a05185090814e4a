/** XEP-0199 XMPP Ping. */
package im.kith.xmpp.ext.ping;
