/** XEP-0092 Software Version. */
package im.kith.xmpp.ext.version;
