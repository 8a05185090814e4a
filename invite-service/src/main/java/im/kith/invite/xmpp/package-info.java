/**
 * The XMPP side of invites: in-band registration (XEP-0077) with invite tokens (XEP-0445), advertised
 * as stream features (XEP-0077 §4, XEP-0445 §4), governed by KITH_REGISTRATION; and pre-authenticated
 * roster subscriptions (XEP-0379 §3.4) for contact invites; the invite commands of XEP-0401 §4 as
 * XEP-0050 ad-hoc commands.
 */
package im.kith.invite.xmpp;
