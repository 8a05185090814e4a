/**
 * Creating the benchmark accounts on a target, one strategy per kind of server: XEP-0077 in-band
 * registration, an administration command run once per account, or a command importing a file of
 * {@code localpart password} lines.
 */
package im.kith.bench.provision;
