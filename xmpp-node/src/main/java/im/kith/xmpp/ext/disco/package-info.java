/**
 * XEP-0030 Service Discovery (disco#info and disco#items for the server and accounts), XEP-0128
 * extended info forms, and the server's XEP-0115 entity capabilities hash (§5.1) in stream features.
 */
package im.kith.xmpp.ext.disco;
