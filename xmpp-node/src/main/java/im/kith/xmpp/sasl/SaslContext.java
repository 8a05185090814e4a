package im.kith.xmpp.sasl;

import java.net.InetAddress;

/**
 * What a SASL mechanism may know about the connection it runs on.
 *
 * @param domain         the local domain the stream is addressed to
 * @param secure         whether the stream is protected by TLS (RFC 6120 §6.4.1: PLAIN only then)
 * @param channelBinding channel-binding data of the TLS session; {@link ChannelBinding#NONE} without TLS
 * @param remoteAddress  the client's address, for throttling
 */
public record SaslContext(String domain, boolean secure, ChannelBinding channelBinding, InetAddress remoteAddress) {
}
