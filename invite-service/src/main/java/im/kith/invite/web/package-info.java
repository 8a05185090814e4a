/**
 * The invite landing page (XEP-0401 §4.2, XEP-0379 §3.3): server-rendered Qute pages in English and
 * German, with client apps per platform, an xmpp: link and QR code, and registration in the browser
 * protected by an invite-bound CSRF token. Unknown invites answer 404, used, expired or revoked ones 410.
 */
package im.kith.invite.web;
