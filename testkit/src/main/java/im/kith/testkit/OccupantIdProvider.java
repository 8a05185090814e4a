package im.kith.testkit;

import java.io.IOException;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.ParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;

/**
 * Reads XEP-0421 {@code <occupant-id/>} for Smack 4.4, which has no parser of its own for it (its
 * generic parser trips over the default namespace declaration when assertions are on).
 */
public final class OccupantIdProvider extends ExtensionElementProvider<StandardExtensionElement> {
    public static final String NS = "urn:xmpp:occupant-id:0";

    /** Registers the parser with Smack; call before the first room presence is read. */
    public static void install() {
        ProviderManager.addExtensionProvider("occupant-id", NS, new OccupantIdProvider());
    }

    @Override
    public StandardExtensionElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment env)
            throws XmlPullParserException, IOException {
        String id = parser.getAttributeValue("id");
        ParserUtils.forwardToEndTagOfDepth(parser, initialDepth);
        return StandardExtensionElement.builder("occupant-id", NS).addAttribute("id", id).build();
    }
}
