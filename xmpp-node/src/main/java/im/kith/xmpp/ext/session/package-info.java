/** Legacy session establishment (RFC 3921 §3, kept as a no-op per RFC 6121 Appendix E). */
package im.kith.xmpp.ext.session;
