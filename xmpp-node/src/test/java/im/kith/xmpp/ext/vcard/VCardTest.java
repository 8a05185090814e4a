package im.kith.xmpp.ext.vcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.impl.JidCreate;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import im.kith.testkit.PostgresDatabase;
import im.kith.testkit.RawXmppSocket;
import im.kith.testkit.XmppClients;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.transport.C2sListeners;

/** XEP-0054 vcard-temp through Smack's VCardManager and raw XML. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VCardTest {
    private static final String DOMAIN = "localhost";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    C2sListeners listeners;

    @Inject
    AccountService accounts;

    @BeforeAll
    void createAccounts() {
        for (String user : new String[] {"vcjuliet", "vcromeo", "vcempty", "vcraw"}) {
            if (accounts.find(user).isEmpty()) {
                accounts.create(user, user + "-pass-phrase", Role.USER);
            }
        }
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        return XmppClients.login(DOMAIN, listeners.port(), user, user + "-pass-phrase", resource);
    }

    @Test
    void ownerPublishesAVCardAndAnotherUserReadsIt() throws Exception {
        XMPPTCPConnection juliet = login("vcjuliet", "balcony");
        XMPPTCPConnection romeo = login("vcromeo", "orchard");
        try {
            VCardManager mine = VCardManager.getInstanceFor(juliet);
            assertThat(mine.isSupported(JidCreate.bareFrom("vcjuliet@localhost"))).isTrue();
            VCard card = new VCard();
            card.setFirstName("Juliet");
            card.setLastName("Capulet");
            card.setNickName("J & \"the sun\"");
            card.setEmailHome("juliet@example.org");
            card.setAvatar(new byte[] {1, 2, 3, 4, 5}, "image/png");
            mine.saveVCard(card);

            VCard own = mine.loadVCard();
            assertThat(own.getFirstName()).isEqualTo("Juliet");
            assertThat(own.getNickName()).isEqualTo("J & \"the sun\"");

            VCard seenByRomeo = VCardManager.getInstanceFor(romeo).loadVCard(JidCreate.entityBareFrom("vcjuliet@localhost"));
            assertThat(seenByRomeo.getLastName()).isEqualTo("Capulet");
            assertThat(seenByRomeo.getEmailHome()).isEqualTo("juliet@example.org");
            assertThat(seenByRomeo.getAvatar()).containsExactly(1, 2, 3, 4, 5);
            assertThat(seenByRomeo.getAvatarHash()).isEqualTo(own.getAvatarHash());

            card.setFirstName("Jules");
            mine.saveVCard(card);
            assertThat(VCardManager.getInstanceFor(romeo).loadVCard(JidCreate.entityBareFrom("vcjuliet@localhost"))
                    .getFirstName()).isEqualTo("Jules");
        } finally {
            juliet.disconnect();
            romeo.disconnect();
        }
    }

    @Test
    void accountWithoutAVCardAnswersWithAnEmptyOneAndUnknownAccountsAreUnavailable() throws Exception {
        XMPPTCPConnection romeo = login("vcromeo", "empty");
        try {
            VCard none = VCardManager.getInstanceFor(romeo).loadVCard(JidCreate.entityBareFrom("vcempty@localhost"));
            assertThat(none.getFirstName()).isNull();
            assertThatThrownBy(() -> VCardManager.getInstanceFor(romeo).loadVCard(JidCreate.entityBareFrom("nobody@localhost")))
                    .isInstanceOfSatisfying(XMPPErrorException.class, e -> assertThat(e.getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.service_unavailable));
        } finally {
            romeo.disconnect();
        }
    }

    @Test
    void oversizedVCardIsRefusedAndSomeoneElsesVCardCannotBeWritten() throws Exception {
        try (RawXmppSocket s = RawXmppSocket.login(listeners.port(), DOMAIN, "vcraw", "vcraw-pass-phrase", "raw")) {
            String big = "A".repeat(70 * 1024);
            s.send("<iq type='set' id='v1'><vCard xmlns='vcard-temp'><PHOTO><TYPE>image/png</TYPE><BINVAL>" + big
                    + "</BINVAL></PHOTO></vCard></iq>");
            String answer = s.readUntil("</iq>", WAIT);
            assertThat(answer).contains("id=\"v1\"").contains("type=\"error\"").contains("<not-acceptable");
            s.clear();
            s.send("<iq type='set' id='v2' to='vcjuliet@localhost'><vCard xmlns='vcard-temp'><FN>Impostor</FN></vCard></iq>");
            assertThat(s.readUntil("</iq>", WAIT)).contains("id=\"v2\"").contains("<forbidden");
            s.clear();
            s.send("<iq type='get' id='v3'><vCard xmlns='vcard-temp'/></iq>");
            assertThat(s.readUntil("</iq>", WAIT)).contains("id=\"v3\"").contains("type=\"result\"").doesNotContain("BINVAL");
        }
    }
}
