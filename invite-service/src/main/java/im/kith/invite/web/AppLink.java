package im.kith.invite.web;

/**
 * A client app offered on the landing page.
 *
 * @param platform android, ios or desktop
 * @param name     the app's name
 * @param url      where to get it; for Android store links the invite travels in the referrer
 */
public record AppLink(String platform, String name, String url) {
}
