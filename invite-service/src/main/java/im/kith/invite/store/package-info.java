/**
 * Persistence of invites and circles (Hibernate ORM on the Flyway migrations V50 and V51). Tokens are
 * kept only as SHA-256 hashes; use counts change only through conditional updates, so that concurrent
 * redemptions of a single-use invite create exactly one account.
 */
package im.kith.invite.store;
