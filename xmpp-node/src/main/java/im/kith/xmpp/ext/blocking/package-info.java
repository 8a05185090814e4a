/**
 * XEP-0191 Blocking Command (version 1.3): per-account block lists, the {@code urn:xmpp:blocking}
 * get/set protocol with pushes to interested resources (§3.2–§3.5), enforcement in both directions
 * (§3.3) and JID matching (§6). Block lists are held in memory so enforcement never touches the
 * database on the path of a stanza.
 */
package im.kith.xmpp.ext.blocking;
