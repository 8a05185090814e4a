/**
 * The feature SPI: every protocol extension is an {@link im.kith.xmpp.feature.XmppFeature} bean that
 * registers IQ handlers (typed by {@link im.kith.xmpp.feature.IqRoute}), hooks, stream features and
 * disco data through a {@link im.kith.xmpp.feature.FeatureContext}, and can be switched off by config.
 * One package per XEP implements it.
 */
package im.kith.xmpp.feature;
