/**
 * Creating and redeeming invites. XEP-0445 §5: a single-use token MUST NOT be considered used until the
 * registration has succeeded ({@link im.kith.invite.core.Redemption} takes the use with the account), and
 * an expiry MUST only be checked when the token is presented. XEP-0445 §6 / XEP-0401 §6: a fixed username
 * MUST stay reserved until the invite expires. Failed attempts are limited per client address.
 */
package im.kith.invite.core;
