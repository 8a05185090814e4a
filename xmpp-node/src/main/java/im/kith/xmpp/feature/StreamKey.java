package im.kith.xmpp.feature;

/**
 * Typed key for state that pre-authentication handlers keep on one stream ({@link PreAuthStream}), e.g.
 * the invite token a client presented before registering. Equal keys name the same value, so each
 * feature holds its keys as constants.
 */
public record StreamKey<T>(String name, Class<T> type) {
}
