/**
 * Pages for administrators ({@code Role.ADMIN}): the node's overview with certificate and federation
 * state, accounts, invites and circles. Every page answers 403 to other accounts.
 */
package im.kith.portal.admin;
