/** XEP-0077 In-Band Registration for authenticated users: password change (§3.3) and account removal (§3.2). */
package im.kith.xmpp.ext.register;
