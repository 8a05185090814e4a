/** Typed configuration of the XMPP node ({@code kith.*} keys, set through {@code KITH_*} variables). */
package im.kith.xmpp.config;
