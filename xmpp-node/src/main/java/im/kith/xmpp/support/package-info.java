/** Small shared services of the node: the injected clock and the executor for blocking work. */
package im.kith.xmpp.support;
