/**
 * Test support shared by Kith's modules: a real throw-away PostgreSQL database, XMPP client helpers, a
 * throw-away certificate authority ({@link im.kith.testkit.TestPki}) and a loopback DNS server for SRV
 * lookups ({@link im.kith.testkit.TestDnsServer}).
 */
package im.kith.testkit;
