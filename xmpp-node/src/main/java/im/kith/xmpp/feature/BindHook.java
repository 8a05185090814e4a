package im.kith.xmpp.feature;

import java.util.concurrent.CompletionStage;

import im.kith.xmpp.xml.Element;

/**
 * Takes part in every Bind 2 request (XEP-0386 §2.2) before the resource is bound: for example the
 * archive reports its newest message ({@code <metadata xmlns='urn:xmpp:mam:2'/>}), and offline storage
 * drops what the archive already holds, since a Bind 2 client synchronises from the archive instead.
 * May run off the event loop; the resource is bound once every hook's stage has completed.
 */
@FunctionalInterface
public interface BindHook {

    /** @return an element for the {@code <bound/>} response, or a stage completing with null */
    CompletionStage<Element> beforeBind(String localpart);
}
