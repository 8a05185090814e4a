/** Test support shared by Kith's modules: a real throw-away PostgreSQL database and XMPP client helpers. */
package im.kith.testkit;
