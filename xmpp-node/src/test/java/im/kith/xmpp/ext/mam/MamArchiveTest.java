package im.kith.xmpp.ext.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQuery;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.feature.FeatureRegistry;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0313 through Smack's MamManager: archiving both sides, stanza-ids, filters, paging, errors. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MamArchiveTest {
    private static final String DOMAIN = "localhost";

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @Inject
    FeatureRegistry features;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"mamromeo", "mamjuliet", "mampager", "mamnurse", "mamfriar", "mamtybalt"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", resource);
    }

    private static Message chat(XMPPTCPConnection from, String to, String body) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat)
                .setBody(body).build();
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addAsyncStanzaListener(s -> q.add((Message) s),
                s -> s instanceof Message m && m.getBody() != null && m.getExtension(MamResultExtension.class) == null);
        return q;
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::getBody).toList();
    }

    @Test
    void archiveIsAdvertisedOnTheAccount() throws Exception {
        XMPPTCPConnection romeo = login("mamromeo", "disco");
        try {
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(romeo)
                    .discoverInfo(JidCreate.bareFrom("mamromeo@localhost"));
            assertThat(info.containsFeature("urn:xmpp:mam:2")).isTrue();
            assertThat(info.containsFeature("urn:xmpp:mam:2#extended")).isTrue();
            assertThat(info.containsFeature("urn:xmpp:sid:0")).isTrue();
            assertThat(MamManager.getInstanceFor(romeo).isSupported()).isTrue();
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    void conversationAppearsInBothArchivesWithTheStanzaIdOfTheDeliveredCopy() throws Exception {
        XMPPTCPConnection romeo = login("mamromeo", "balcony");
        XMPPTCPConnection juliet = login("mamjuliet", "garden");
        try {
            BlockingQueue<Message> julietInbox = inbox(juliet);
            BlockingQueue<Message> romeoInbox = inbox(romeo);
            romeo.sendStanza(chat(romeo, "mamjuliet@localhost/garden", "But soft, what light"));
            Message received = julietInbox.poll(10, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            StanzaIdElement sid = StanzaIdElement.getStanzaId(received);
            assertThat(sid).isNotNull();
            assertThat(sid.getBy()).isEqualTo("mamjuliet@localhost");
            juliet.sendStanza(chat(juliet, "mamromeo@localhost/balcony", "Ay me"));
            Message reply = romeoInbox.poll(10, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();

            MamQuery julietArchive = MamManager.getInstanceFor(juliet).queryArchive(MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.bareFrom("mamromeo@localhost")).build());
            assertThat(bodies(julietArchive.getMessages())).containsExactly("But soft, what light", "Ay me");
            assertThat(julietArchive.getMamResultExtensions().getFirst().getId()).isEqualTo(sid.getId());
            assertThat(julietArchive.isComplete()).isTrue();

            MamQuery romeoArchive = MamManager.getInstanceFor(romeo).queryArchive(MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.bareFrom("mamjuliet@localhost")).build());
            assertThat(bodies(romeoArchive.getMessages())).containsExactly("But soft, what light", "Ay me");
            assertThat(romeoArchive.getMamResultExtensions().get(1).getId())
                    .isEqualTo(StanzaIdElement.getStanzaId(reply).getId())
                    .isNotEqualTo(sid.getId());
            assertThat(romeoArchive.getMessages().getFirst().getFrom().toString()).isEqualTo("mamromeo@localhost/balcony");
            assertThat(romeoArchive.getMamResultExtensions().getFirst().getForwarded().getDelayInformation()).isNotNull();
        } finally {
            romeo.disconnect();
            juliet.disconnect();
        }
    }

    @Test
    void everyDeliveredCopyOfAMessageToTheBareJidCarriesTheSameStanzaId() throws Exception {
        // Delivery to a bare JID needs available resources, tracked by the RFC 6121 presence feature.
        assumeTrue(features.enabled().contains("presence"), "needs the presence feature");
        XMPPTCPConnection friar = login("mamfriar", "cell");
        XMPPTCPConnection phone = login("mamnurse", "phone");
        XMPPTCPConnection laptop = login("mamnurse", "laptop");
        try {
            phone.sendStanza(phone.getStanzaFactory().buildPresenceStanza().build());
            laptop.sendStanza(laptop.getStanzaFactory().buildPresenceStanza().build());
            BlockingQueue<Message> a = inbox(phone);
            BlockingQueue<Message> b = inbox(laptop);
            Thread.sleep(300);
            friar.sendStanza(chat(friar, "mamnurse@localhost", "to both"));
            Message first = a.poll(10, TimeUnit.SECONDS);
            Message second = b.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(StanzaIdElement.getStanzaId(first).getId()).isEqualTo(StanzaIdElement.getStanzaId(second).getId());
            MamQuery archive = MamManager.getInstanceFor(phone).queryArchive(MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.bareFrom("mamfriar@localhost")).build());
            assertThat(archive.getMessageCount()).isEqualTo(1);
        } finally {
            friar.disconnect();
            phone.disconnect();
            laptop.disconnect();
        }
    }

    @Test
    void pagesThroughOneHundredTwentyMessagesForwardsAndBackwards() throws Exception {
        XMPPTCPConnection pager = login("mampager", "pc");
        XMPPTCPConnection tybalt = login("mamtybalt", "street");
        try {
            BlockingQueue<Message> in = inbox(pager);
            for (int i = 0; i < 120; i++) {
                tybalt.sendStanza(chat(tybalt, "mampager@localhost/pc", "m" + i));
            }
            for (int i = 0; i < 120; i++) {
                assertThat(in.poll(10, TimeUnit.SECONDS)).as("delivered " + i).isNotNull();
            }
            MamManager mam = MamManager.getInstanceFor(pager);
            Jid with = JidCreate.bareFrom("mamtybalt@localhost");

            MamQuery forward = mam.queryArchive(MamQueryArgs.builder().limitResultsToJid(with).setResultPageSizeTo(50).build());
            List<String> seen = new ArrayList<>(bodies(forward.getMessages()));
            assertThat(forward.isComplete()).isFalse();
            seen.addAll(bodies(forward.pageNext(50)));
            assertThat(forward.isComplete()).isFalse();
            seen.addAll(bodies(forward.pageNext(50)));
            assertThat(forward.isComplete()).isTrue();
            assertThat(seen).hasSize(120);
            for (int i = 0; i < 120; i++) {
                assertThat(seen.get(i)).isEqualTo("m" + i);
            }

            MamQuery backward = mam.queryArchive(MamQueryArgs.builder().limitResultsToJid(with).setResultPageSizeTo(50)
                    .queryLastPage().build());
            List<String> last = bodies(backward.getMessages());
            assertThat(last).hasSize(50);
            assertThat(last.getFirst()).isEqualTo("m70");
            assertThat(last.getLast()).isEqualTo("m119");
            assertThat(backward.isComplete()).isFalse();
            assertThat(bodies(backward.pagePrevious(50))).hasSize(50).first().isEqualTo("m20");
            List<String> oldest = bodies(backward.pagePrevious(50));
            assertThat(oldest).hasSize(20).first().isEqualTo("m0");
            assertThat(backward.isComplete()).isTrue();

            // A page size above the cap is cut to 250; without one the page is 50.
            assertThat(mam.queryArchive(MamQueryArgs.builder().limitResultsToJid(with).build()).getMessageCount()).isEqualTo(50);
        } finally {
            pager.disconnect();
            tybalt.disconnect();
        }
    }

    @Test
    void withStartAndEndFilterTheArchive() throws Exception {
        XMPPTCPConnection romeo = login("mamromeo", "filters");
        XMPPTCPConnection nurse = login("mamnurse", "filters");
        XMPPTCPConnection friar = login("mamfriar", "filters");
        try {
            BlockingQueue<Message> in = inbox(romeo);
            nurse.sendStanza(chat(nurse, "mamromeo@localhost/filters", "from the nurse"));
            assertThat(in.poll(10, TimeUnit.SECONDS)).isNotNull();
            Thread.sleep(50);
            Instant between = Instant.now();
            Thread.sleep(50);
            friar.sendStanza(chat(friar, "mamromeo@localhost/filters", "from the friar"));
            assertThat(in.poll(10, TimeUnit.SECONDS)).isNotNull();
            MamManager mam = MamManager.getInstanceFor(romeo);

            assertThat(bodies(mam.queryArchive(MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.bareFrom("mamnurse@localhost")).build()).getMessages()))
                    .containsExactly("from the nurse");
            assertThat(bodies(mam.queryArchive(MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.from("mamfriar@localhost/filters")).build()).getMessages()))
                    .containsExactly("from the friar");
            assertThat(bodies(mam.queryArchive(MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.from("mamfriar@localhost/elsewhere")).build()).getMessages()))
                    .isEmpty();
            assertThat(bodies(mam.queryArchive(MamQueryArgs.builder().limitResultsSince(Date.from(between))
                    .build()).getMessages())).containsExactly("from the friar");
            assertThat(bodies(mam.queryArchive(MamQueryArgs.builder().limitResultsBefore(Date.from(between))
                    .limitResultsSince(Date.from(between.minus(Duration.ofMinutes(1)))).build()).getMessages()))
                    .endsWith("from the nurse").doesNotContain("from the friar");
        } finally {
            romeo.disconnect();
            nurse.disconnect();
            friar.disconnect();
        }
    }

    @Test
    void unknownAfterIdIsItemNotFound() throws Exception {
        XMPPTCPConnection romeo = login("mamromeo", "errors");
        try {
            assertThatThrownBy(() -> MamManager.getInstanceFor(romeo).queryArchive(MamQueryArgs.builder()
                    .afterUid("no-such-id").build()))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.item_not_found));
        } finally {
            romeo.disconnect();
        }
    }
}
