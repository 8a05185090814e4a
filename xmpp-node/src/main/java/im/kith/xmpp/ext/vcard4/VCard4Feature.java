package im.kith.xmpp.ext.vcard4;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.ext.pep.AccessModel;
import im.kith.xmpp.ext.pep.NodeRule;
import im.kith.xmpp.ext.pep.NodeRules;
import im.kith.xmpp.ext.pep.NodeSettings;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.XmppFeature;

/**
 * XEP-0292 vCard4 over XMPP: the vCard is an item of the account's PEP node {@code urn:xmpp:vcard4},
 * private contact vCards are items of {@code urn:xmpp:contacts}; the PEP service does the publishing,
 * retrieval, access control and notifications, this feature fixes what the XEP says about the two nodes
 * and advertises support.
 */
@ApplicationScoped
public class VCard4Feature implements XmppFeature {
    /** §3: the vCard4 XML namespace of RFC 6351, also the disco feature of §7. */
    public static final String NS = "urn:ietf:params:xml:ns:vcard-4.0";
    /** §4.1: the node of an entity's own vCard. */
    public static final String NODE = "urn:xmpp:vcard4";
    /** §5.2: the node of the vCards a user keeps about contacts. */
    public static final String CONTACTS_NODE = "urn:xmpp:contacts";
    /** §3: in XMPP the root element is {@code <vcard/>}, not the {@code <vcards/>} of RFC 6351. */
    static final String ELEMENT = "vcard";

    private static final Logger LOG = Logger.getLogger(VCard4Feature.class);

    private final NodeRules rules;
    private final NodeConfig config;

    public VCard4Feature(NodeRules rules, NodeConfig config) {
        this.rules = rules;
        this.config = config;
    }

    @Override
    public String name() {
        return "vcard4";
    }

    @Override
    public void register(FeatureContext ctx) {
        NodeConfig.FeatureSwitch pep = config.features().get("pep");
        if (pep != null && !pep.enabled()) {
            // §4.1: vCard4 is published and retrieved through PEP; without it there is nothing to advertise.
            LOG.info("vcard4 needs the pep feature, which is switched off; vCard4 is not offered");
            return;
        }
        // §7: a server that supports the vCard4 namespace MUST advertise it in disco#info; the server and
        // every account (whose bare JID hosts the PEP node, §4.1.1) answer with it.
        ctx.discoFeature(DiscoTarget.SERVER, NS);
        ctx.discoFeature(DiscoTarget.ACCOUNT, NS);
        // §3 and §4.1.2: items of the node are whole <vcard/> elements. The node starts with the PEP
        // defaults of XEP-0163 §5 (presence access); a client asks for another access model with
        // publish-options.
        rules.define(NODE, new NodeRule(ELEMENT, NS, NodeSettings.defaults()));
        // §5.2: the contacts node MUST have the access model 'whitelist' by default (only the owner reads
        // it); it holds one item per contact, so it keeps as many items as a node may.
        rules.define(CONTACTS_NODE, new NodeRule(ELEMENT, NS, NodeSettings.defaults()
                .withAccessModel(AccessModel.WHITELIST).withMaxItems(rules.maxItemsCap())));
    }
}
