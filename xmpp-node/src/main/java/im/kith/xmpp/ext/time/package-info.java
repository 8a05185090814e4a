/** XEP-0202 Entity Time. */
package im.kith.xmpp.ext.time;
