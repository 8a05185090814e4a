/**
 * XEP-0133 Service Administration (version 1.3) as XEP-0050 commands for accounts with the ADMIN role:
 * add-user (§4.1), delete-user (§4.2), disable-user (§4.3), reenable-user (§4.4), change-user-password
 * (§4.7), get-registered-users-num (§4.11), get-online-users-num (§4.15), get-online-users-list
 * (§4.21) and announce (§4.23). Other accounts get {@code forbidden}.
 */
package im.kith.xmpp.ext.adhoc.admin;
