/**
 * Pages every member has: the profile with the password change, what Kith stores about the account,
 * and deleting the own account.
 */
package im.kith.portal.account;
