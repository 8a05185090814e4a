/**
 * Load generator for XMPP servers. {@link im.kith.bench.Main} is the command-line entry point: {@code run}
 * measures one server, {@code report} puts several result files side by side.
 */
package im.kith.bench;
