/**
 * Client side of SCRAM (RFC 5802) with the SHA-1 and SHA-256 (RFC 7677) variants, without channel binding.
 * Passwords are limited to printable ASCII, for which SASLprep is the identity.
 */
package im.kith.bench.sasl;
