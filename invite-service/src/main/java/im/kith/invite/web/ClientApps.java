package im.kith.invite.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The apps recommended on the landing page. Android apps that read the Play Store install referrer
 * (Conversations, Snikket) receive the invite URI through it and open the invite after installation.
 */
@ApplicationScoped
public class ClientApps {

    public List<AppLink> forInvite(String xmppUri) {
        String referrer = URLEncoder.encode(xmppUri, StandardCharsets.UTF_8);
        return List.of(
                new AppLink("android", "Snikket",
                        "https://play.google.com/store/apps/details?id=org.snikket.android&referrer=" + referrer),
                new AppLink("android", "Conversations",
                        "https://play.google.com/store/apps/details?id=eu.siacs.conversations&referrer=" + referrer),
                new AppLink("android", "Conversations (F-Droid)", "https://f-droid.org/packages/eu.siacs.conversations/"),
                new AppLink("ios", "Monal", "https://apps.apple.com/app/id317711500"),
                new AppLink("ios", "Siskin IM", "https://apps.apple.com/app/id1153516838"),
                new AppLink("desktop", "Dino", "https://dino.im/#download"),
                new AppLink("desktop", "Gajim", "https://gajim.org/download/"));
    }
}
