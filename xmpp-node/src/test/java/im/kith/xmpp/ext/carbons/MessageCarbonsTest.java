package im.kith.xmpp.ext.carbons;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.carbons.CarbonManager;
import org.jivesoftware.smackx.carbons.packet.CarbonExtension;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0280: copies of sent and received messages reach the account's other Carbons-enabled resources. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageCarbonsTest {
    private static final String DOMAIN = "localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    private XMPPTCPConnection phone;
    private XMPPTCPConnection laptop;
    private XMPPTCPConnection paris;
    private final List<Message> atLaptop = new CopyOnWriteArrayList<>();
    private final List<Message> atPhone = new CopyOnWriteArrayList<>();
    private final List<Message> atParis = new CopyOnWriteArrayList<>();

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"capulet", "paris"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-secret-pass", Role.USER);
            }
        }
        try {
            // The first TLS handshake of a fresh node loads the crypto providers, which can be slow here.
            XmppClients.login(DOMAIN, listeners.port(), "paris", "paris-secret-pass", "warm-up").disconnect();
        } catch (Exception e) {
            // the tests connect again
        }
    }

    @BeforeEach
    void connect() throws Exception {
        phone = XmppClients.login(DOMAIN, listeners.port(), "capulet", "capulet-secret-pass", "phone");
        laptop = XmppClients.login(DOMAIN, listeners.port(), "capulet", "capulet-secret-pass", "laptop");
        paris = XmppClients.login(DOMAIN, listeners.port(), "paris", "paris-secret-pass", "church");
        atLaptop.clear();
        atPhone.clear();
        atParis.clear();
        laptop.addAsyncStanzaListener(s -> atLaptop.add((Message) s), s -> s instanceof Message);
        phone.addAsyncStanzaListener(s -> atPhone.add((Message) s), s -> s instanceof Message);
        paris.addAsyncStanzaListener(s -> atParis.add((Message) s), s -> s instanceof Message);
        CarbonManager.getInstanceFor(phone).enableCarbons();
        CarbonManager.getInstanceFor(laptop).enableCarbons();
    }

    @AfterEach
    void disconnect() {
        phone.disconnect();
        laptop.disconnect();
        paris.disconnect();
    }

    private static Message chat(XMPPTCPConnection from, String to, String body) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
                .setBody(body).build();
    }

    private void settle() throws Exception {
        for (XMPPTCPConnection c : List.of(phone, laptop, paris)) {
            PingManager.getInstanceFor(c).pingMyServer(true, 5000);
        }
        Thread.sleep(200);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    @Test
    void serverAdvertisesCarbons() throws Exception {
        assertThat(CarbonManager.getInstanceFor(phone).isSupportedByServer()).isTrue();
        assertThat(CarbonManager.getInstanceFor(phone).getCarbonsEnabled()).isTrue();
    }

    @Test
    void aSentMessageIsCopiedToTheOtherResourceOnly() throws Exception {
        phone.sendStanza(chat(phone, "paris@localhost/church", "Thursday it is"));
        await(() -> !atParis.isEmpty() && !atLaptop.isEmpty());
        settle();

        assertThat(atLaptop).hasSize(1);
        Message copy = atLaptop.get(0);
        assertThat(copy.getFrom().toString()).isEqualTo("capulet@localhost");
        CarbonExtension carbon = CarbonExtension.from(copy);
        assertThat(carbon.getDirection()).isEqualTo(CarbonExtension.Direction.sent);
        Message original = carbon.getForwarded().getForwardedStanza();
        assertThat(original.getBody()).isEqualTo("Thursday it is");
        assertThat(original.getFrom().toString()).isEqualTo("capulet@localhost/phone");
        assertThat(original.getTo().toString()).isEqualTo("paris@localhost/church");
        assertThat(atPhone).as("no copy back to the sender").isEmpty();
        assertThat(CarbonExtension.from(atParis.get(0))).isNull();
    }

    @Test
    void aReceivedMessageIsCopiedToTheResourcesThatDidNotGetIt() throws Exception {
        paris.sendStanza(chat(paris, "capulet@localhost/phone", "My lord, a word"));
        await(() -> !atPhone.isEmpty() && !atLaptop.isEmpty());
        settle();

        assertThat(atPhone).hasSize(1);
        assertThat(CarbonExtension.from(atPhone.get(0))).as("the addressee gets the original").isNull();
        assertThat(atLaptop).hasSize(1);
        CarbonExtension carbon = CarbonExtension.from(atLaptop.get(0));
        assertThat(carbon.getDirection()).isEqualTo(CarbonExtension.Direction.received);
        assertThat(carbon.getForwarded().getForwardedStanza().getBody()).isEqualTo("My lord, a word");
        assertThat(atLaptop.get(0).getTo().toString()).isEqualTo("capulet@localhost/laptop");
    }

    @Test
    void privateMessagesAreNotCopied() throws Exception {
        Message secret = phone.getStanzaFactory().buildMessageStanza().to(JidCreate.from("paris@localhost/church"))
                .ofType(Message.Type.chat).setBody("between us")
                .addExtension(new StandardExtensionElement("private", "urn:xmpp:carbons:2"))
                .addExtension(new StandardExtensionElement("no-copy", "urn:xmpp:hints")).build();
        phone.sendStanza(secret);
        await(() -> !atParis.isEmpty());
        settle();
        assertThat(atLaptop).isEmpty();
        assertThat(atParis.get(0).getBody()).isEqualTo("between us");
    }

    @Test
    void disabledResourcesGetNoCopies() throws Exception {
        CarbonManager.getInstanceFor(laptop).disableCarbons();
        paris.sendStanza(chat(paris, "capulet@localhost/phone", "are you there?"));
        await(() -> !atPhone.isEmpty());
        settle();
        assertThat(atLaptop).isEmpty();
    }

    @Test
    void aCarbonForgedByAContactIsNotDeliveredAsACarbon() throws Exception {
        StandardExtensionElement forged = StandardExtensionElement.builder("received", "urn:xmpp:carbons:2")
                .addElement(StandardExtensionElement.builder("forwarded", "urn:xmpp:forward:0")
                        .addElement(StandardExtensionElement.builder("message", "jabber:client")
                                .addAttribute("from", "tybalt@localhost/street")
                                .addAttribute("to", "capulet@localhost/laptop")
                                .addAttribute("type", "chat")
                                .addElement("body", "Meet me at midnight").build())
                        .build())
                .build();
        paris.sendStanza(paris.getStanzaFactory().buildMessageStanza().to(JidCreate.from("capulet@localhost/laptop"))
                .ofType(Message.Type.chat).setBody("plain words").addExtension(forged).build());
        paris.sendStanza(paris.getStanzaFactory().buildMessageStanza().to(JidCreate.from("capulet@localhost/laptop"))
                .ofType(Message.Type.chat).addExtension(forged).build());
        await(() -> !atLaptop.isEmpty());
        settle();

        assertThat(atLaptop).hasSize(1);
        assertThat(atLaptop.get(0).getBody()).isEqualTo("plain words");
        assertThat(atLaptop.get(0).hasExtension("urn:xmpp:carbons:2")).isFalse();
        assertThat(atPhone).allSatisfy(m -> assertThat(CarbonExtension.from(m).getForwarded()
                .getForwardedStanza().getBody()).isEqualTo("plain words"));
    }
}
