package im.kith.xmpp.ext.vcard4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.util.XmlStringBuilder;
import org.jivesoftware.smack.xml.XmlPullParser;
import org.jivesoftware.smack.xml.XmlPullParserException;
import org.jivesoftware.smackx.caps.EntityCapsManager;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.GetItemsRequest;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubElementType;
import org.jivesoftware.smackx.pubsub.PublishItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/**
 * XEP-0292 vCard4 over PEP through Smack: publication and retrieval of the XEP's example vCard, the
 * access models a client picks, notifications to contacts asking for {@code urn:xmpp:vcard4+notify},
 * private contact vCards, and disco.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VCard4Test {
    private static final String DOMAIN = "localhost";
    private static final String NS = "urn:ietf:params:xml:ns:vcard-4.0";
    private static final String NODE = "urn:xmpp:vcard4";
    private static final String CONTACTS = "urn:xmpp:contacts";
    private static final String ERRORS = "http://jabber.org/protocol/pubsub#errors";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String[][] RAW = {{"presence-subscription-required", ERRORS}, {"closed-node", ERRORS},
        {"invalid-payload", ERRORS}, {"publish", PubSub.NAMESPACE}};
    private static final Pattern ITEM_ID = Pattern.compile("<item[^>]* id=['\"]([^'\"]+)['\"]");

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        // Smack's fallback parser for unknown elements asserts on the empty default-namespace prefix that
        // the StAX parser reports, which ends the connection; these elements are kept as raw XML instead.
        // <publish/> comes back in results and, with the refused payload, in error replies.
        for (String[] element : RAW) {
            ProviderManager.addExtensionProvider(element[0], element[1], new RawProvider());
        }
        for (String user : new String[] {"v4alice", "v4bob", "v4carol", "v4dave", "v4erin", "v4frank", "v4gina"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    @AfterAll
    void removeProviders() {
        for (String[] element : RAW) {
            ProviderManager.removeExtensionProvider(element[0], element[1]);
        }
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", resource);
    }

    @Test
    void serverAndAccountsAdvertiseTheVCard4Namespace() throws Exception {
        XMPPTCPConnection alice = login("v4alice", "disco");
        try {
            ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice);
            // §7: the feature is the vCard4 XML namespace.
            assertThat(disco.discoverInfo(JidCreate.domainBareFrom(DOMAIN)).containsFeature(NS)).isTrue();
            assertThat(disco.discoverInfo(bare("v4alice")).containsFeature(NS)).isTrue();
            assertThat(disco.discoverInfo(bare("v4bob")).containsFeature(NS)).isTrue();
        } finally {
            alice.disconnect();
        }
    }

    @Test
    void ownerPublishesTheExampleVCardAContactReadsItAndAStrangerIsRefused() throws Exception {
        XMPPTCPConnection alice = login("v4alice", "squire");
        XMPPTCPConnection bob = login("v4bob", "foo");
        XMPPTCPConnection carol = login("v4carol", "street");
        try {
            subscribe(bob, alice);
            String example = resource("stpeter.xml");

            // §4.1.2: a PEP publish of the whole vCard to the node; no publish-options, so presence access.
            String id = publish(alice, NODE, null, example, null);
            assertThat(id).isNotBlank();

            // §4.1.1: a contact subscribed to the owner's presence gets the vCard as published.
            List<PayloadItem<SimplePayload>> read = items(bob, "v4alice", NODE);
            assertThat(read).hasSize(1);
            assertThat(read.getFirst().getId()).isEqualTo(id);
            String payload = read.getFirst().getPayload().toXML().toString();
            assertThat(sameXml(payload, example)).as(payload).isTrue();
            assertThat(read.getFirst().getPayload().getNamespace()).isEqualTo(NS);

            // XEP-0060 §6.5.9.6: without a presence subscription the node is closed.
            assertThatThrownBy(() -> items(carol, "v4alice", NODE))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_authorized);
                        assertThat(pubsubCondition(e, "presence-subscription-required")).isTrue();
                    });

            // §3: the item is one <vcard/>; the <vcards/> root of RFC 6351 and vcard-temp are refused.
            for (String wrong : new String[] {
                "<vcards xmlns='" + NS + "'><vcard><fn><text>Wrapped</text></fn></vcard></vcards>",
                "<vCard xmlns='vcard-temp'><FN>Old style</FN></vCard>"}) {
                assertThatThrownBy(() -> publish(alice, NODE, null, wrong, null))
                        .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                            assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.bad_request);
                            assertThat(pubsubCondition(e, "invalid-payload")).isTrue();
                        });
            }
            assertThat(items(bob, "v4alice", NODE).getFirst().getId()).isEqualTo(id);

            // No mirroring (the XEP requires none): the account's vcard-temp stays as it was, empty.
            VCard temp = VCardManager.getInstanceFor(bob).loadVCard(JidCreate.entityBareFrom("v4alice@localhost"));
            assertThat(temp.getField("FN")).isNull();
            assertThat(temp.getNickName()).isNull();
        } finally {
            alice.disconnect();
            bob.disconnect();
            carol.disconnect();
        }
    }

    @Test
    void theAccessModelTheClientAsksForDecidesWhoReads() throws Exception {
        XMPPTCPConnection dave = login("v4dave", "desk");
        XMPPTCPConnection erin = login("v4erin", "desk");
        XMPPTCPConnection carol = login("v4carol", "reader");
        try {
            String open = "<vcard xmlns='" + NS + "'><fn><text>Dave Open</text></fn></vcard>";
            publish(dave, NODE, null, open, options("pubsub#access_model", "open"));
            assertThat(items(carol, "v4dave", NODE).getFirst().getPayload().toXML().toString()).contains("Dave Open");

            String closed = "<vcard xmlns='" + NS + "'><fn><text>Erin Private</text></fn></vcard>";
            publish(erin, NODE, null, closed, options("pubsub#access_model", "whitelist"));
            // XEP-0060 §6.5.9.8: off the whitelist is not-allowed with <closed-node/>.
            assertThatThrownBy(() -> items(carol, "v4erin", NODE))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
                        assertThat(pubsubCondition(e, "closed-node")).isTrue();
                    });
            assertThat(items(erin, "v4erin", NODE).getFirst().getPayload().toXML().toString()).contains("Erin Private");
        } finally {
            dave.disconnect();
            erin.disconnect();
            carol.disconnect();
        }
    }

    @Test
    void contactAskingForVCard4NotificationsGetsTheVCardAndItsUpdates() throws Exception {
        XMPPTCPConnection gina = login("v4gina", "home");
        XMPPTCPConnection frank = login("v4frank", "phone");
        try {
            BlockingQueue<Message> events = new LinkedBlockingQueue<>();
            frank.addAsyncStanzaListener(s -> events.add((Message) s),
                    s -> s instanceof Message && EventElement.from(s) != null);
            // §4.2.1, first option: the interest is in the XEP-0115 capabilities of the contact's presence.
            ServiceDiscoveryManager.getInstanceFor(frank).addFeature(NODE + "+notify");
            EntityCapsManager.getInstanceFor(frank).enableEntityCaps();

            publish(gina, NODE, null, "<vcard xmlns='" + NS + "'><fn><text>Gina First</text></fn></vcard>", null);
            subscribe(frank, gina);
            subscribe(gina, frank);
            frank.sendStanza(frank.getStanzaFactory().buildPresenceStanza().build());

            // The last published item arrives once the server learnt the capabilities (XEP-0163 §4.3.2).
            assertThat(vcardEvent(events, "Gina First")).isTrue();
            publish(gina, NODE, null, "<vcard xmlns='" + NS + "'><fn><text>Gina Second</text></fn></vcard>", null);
            // §4.2.2: the update is notified.
            assertThat(vcardEvent(events, "Gina Second")).isTrue();
        } finally {
            gina.disconnect();
            frank.disconnect();
        }
    }

    @Test
    void contactVCardsAreTheOwnersOnlyUnlessAskedOtherwise() throws Exception {
        XMPPTCPConnection alice = login("v4alice", "contacts");
        XMPPTCPConnection bob = login("v4bob", "contacts");
        try {
            subscribe(bob, alice);
            // §5.2: the item id is the contact's bare JID. Published without publish-options, the node
            // still gets the access model 'whitelist'.
            publish(alice, CONTACTS, "samizzi@cisco.com", resource("samizzi-contact.xml"), null);
            // The example's publish-options (persist_items, whitelist) match the node as created.
            publish(alice, CONTACTS, "v4bob@localhost", "<vcard xmlns='" + NS + "'><fn><text>Bob</text></fn>"
                    + "<impp><uri>xmpp:v4bob@localhost</uri></impp></vcard>",
                    options("pubsub#persist_items", "true", "pubsub#access_model", "whitelist"));

            List<PayloadItem<SimplePayload>> mine = items(alice, "v4alice", CONTACTS);
            assertThat(mine).extracting(PayloadItem::getId).containsExactlyInAnyOrder("samizzi@cisco.com", "v4bob@localhost");
            String samantha = mine.stream().filter(i -> i.getId().equals("samizzi@cisco.com")).findFirst().orElseThrow()
                    .getPayload().toXML().toString();
            assertThat(sameXml(samantha, resource("samizzi-contact.xml"))).as(samantha).isTrue();

            // Even a contact with a presence subscription may not read them.
            assertThatThrownBy(() -> items(bob, "v4alice", CONTACTS))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> {
                        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
                        assertThat(pubsubCondition(e, "closed-node")).isTrue();
                    });
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    /** Waits for a vCard4 event whose payload contains the text. */
    private static boolean vcardEvent(BlockingQueue<Message> events, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = events.poll(200, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            EventElement event = EventElement.from(m);
            if (event.getEvent() instanceof ItemsExtension items && NODE.equals(items.getNode())
                    && m.getFrom().asBareJid().equals(bare("v4gina")) && items.toXML().toString().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Makes {@code subscriber} subscribe to {@code owner}'s presence, the owner approving, and waits for it. */
    private static void subscribe(XMPPTCPConnection subscriber, XMPPTCPConnection owner) throws Exception {
        Roster ownerRoster = Roster.getInstanceFor(owner);
        ownerRoster.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        // RFC 6121 §3.1.3: the request reaches the owner's available resources.
        owner.sendStanza(owner.getStanzaFactory().buildPresenceStanza().build());
        Roster roster = Roster.getInstanceFor(subscriber);
        // A roster push that overtakes Smack's roster load would be overwritten by it.
        loaded(ownerRoster);
        loaded(roster);
        BareJid target = owner.getUser().asBareJid();
        RosterEntry entry = roster.getEntry(target);
        if (entry != null && entry.canSeeHisPresence()) {
            return;
        }
        roster.createItemAndRequestSubscription(target, target.getLocalpartOrNull().toString(), null);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            entry = roster.getEntry(target);
            if (entry != null && entry.canSeeHisPresence()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(subscriber.getUser() + " is not subscribed to " + target);
    }

    private static void loaded(Roster roster) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!roster.isLoaded() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(roster.isLoaded()).as("roster loaded").isTrue();
    }

    /** A PEP publish to the account's own node; the item id the server answers with. */
    private static String publish(XMPPTCPConnection c, String node, String itemId, String payload, DataForm options)
            throws Exception {
        PubSub request = PubSub.createPubsubPacket(null, IQ.Type.set,
                new PublishItem<>(node, new PayloadItem<>(itemId, new SimplePayload(payload.strip()))));
        if (options != null) {
            request.addExtension(new PublishOptions(options));
        }
        PubSub result = c.sendIqRequestAndWaitForResponse(request);
        ExtensionElement publish = result.getExtension(PubSubElementType.PUBLISH);
        assertThat(publish).as("publish result").isNotNull();
        Matcher item = ITEM_ID.matcher(publish.toXML().toString());
        assertThat(item.find()).as(publish.toXML().toString()).isTrue();
        return item.group(1);
    }

    /** Retrieves all items of a node of an account (XEP-0060 §6.5.2). */
    @SuppressWarnings("unchecked")
    private static List<PayloadItem<SimplePayload>> items(XMPPTCPConnection c, String owner, String node) throws Exception {
        PubSub request = PubSub.createPubsubPacket(bare(owner), IQ.Type.get, new GetItemsRequest(node));
        PubSub result = c.sendIqRequestAndWaitForResponse(request);
        ItemsExtension items = result.getExtension(PubSubElementType.ITEMS);
        return (List<PayloadItem<SimplePayload>>) items.getItems();
    }

    /** A publish-options form (XEP-0060 §7.1.5) of field/value pairs. */
    private static DataForm options(String... fieldValues) {
        DataForm.Builder form = DataForm.builder(DataForm.Type.submit)
                .setFormType("http://jabber.org/protocol/pubsub#publish-options");
        for (int i = 0; i < fieldValues.length; i += 2) {
            form.addField(FormField.textSingleBuilder(fieldValues[i]).setValue(fieldValues[i + 1]).build());
        }
        return form.build();
    }

    /** {@code <publish-options/>}, which Smack 4.4 has no element for. */
    private record PublishOptions(DataForm form) implements ExtensionElement {
        @Override
        public String getElementName() {
            return "publish-options";
        }

        @Override
        public String getNamespace() {
            return PubSub.NAMESPACE;
        }

        @Override
        public XmlStringBuilder toXML(XmlEnvironment enclosing) {
            XmlStringBuilder xml = new XmlStringBuilder(this, enclosing);
            xml.rightAngleBracket();
            xml.append(form);
            xml.closeElement(this);
            return xml;
        }
    }

    /** Whether the error carries the XEP-0060 application condition of that name. */
    private static boolean pubsubCondition(XMPPErrorException e, String name) {
        ExtensionElement condition = e.getStanzaError().getExtension(name, ERRORS);
        return condition != null;
    }

    /** An element kept as the XML it was received as. */
    private record RawElement(String name, String namespace, String xml) implements ExtensionElement {
        @Override
        public String getElementName() {
            return name;
        }

        @Override
        public String getNamespace() {
            return namespace;
        }

        @Override
        public String toXML(XmlEnvironment enclosing) {
            return xml;
        }
    }

    private static final class RawProvider extends ExtensionElementProvider<RawElement> {
        @Override
        public RawElement parse(XmlPullParser parser, int initialDepth, XmlEnvironment environment)
                throws XmlPullParserException, IOException {
            String name = parser.getName();
            String namespace = parser.getNamespace();
            return new RawElement(name, namespace, PacketParserUtils.parseElement(parser, true).toString());
        }
    }

    private static BareJid bare(String user) {
        return JidCreate.bareFromOrThrowUnchecked(user + "@" + DOMAIN);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = VCard4Test.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Whether two serialisations hold the same elements, attributes and text (whitespace between elements aside). */
    private static boolean sameXml(String a, String b) throws Exception {
        return tree(a).isEqualNode(tree(b));
    }

    private static Node tree(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        org.w3c.dom.Element root = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        normalise(root);
        return root;
    }

    /** Drops whitespace-only text and namespace declarations (each element keeps its namespace). */
    private static void normalise(org.w3c.dom.Element e) {
        for (int i = e.getAttributes().getLength() - 1; i >= 0; i--) {
            Node attr = e.getAttributes().item(i);
            if ("xmlns".equals(attr.getNodeName()) || attr.getNodeName().startsWith("xmlns:")) {
                e.removeAttributeNode((org.w3c.dom.Attr) attr);
            }
        }
        Node child = e.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE && child.getNodeValue().isBlank()) {
                e.removeChild(child);
            } else if (child instanceof org.w3c.dom.Element ce) {
                normalise(ce);
            }
            child = next;
        }
    }
}
