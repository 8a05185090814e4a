package im.kith.invite.xmpp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.invite.InviteConfig;
import im.kith.invite.core.CreatedInvite;
import im.kith.invite.core.InviteRequest;
import im.kith.invite.core.InviteService;
import im.kith.invite.store.InviteKind;
import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * The invite commands of XEP-0401 §4 as XEP-0050 ad-hoc commands addressed to the server:
 * {@code urn:xmpp:invite#invite} (a contact invite, completed at once, §4.1) for users when
 * {@code KITH_USER_INVITES} is true and for admins, and {@code urn:xmpp:invite#create-account} (§4.3) for
 * admins, which answers a form and completes with the submitted username. Results use the FORM_TYPE
 * {@code urn:xmpp:invite#invitation} with the fields uri, landing-url and expire.
 */
@ApplicationScoped
public class InviteCommandsFeature implements XmppFeature {
    static final String NS_COMMANDS = "http://jabber.org/protocol/commands";
    static final String NODE_INVITE = "urn:xmpp:invite#invite";
    static final String NODE_CREATE = "urn:xmpp:invite#create-account";

    private final InviteService invites;
    private final AccountService accounts;
    private final Blocking blocking;
    private final boolean userInvites;

    InviteCommandsFeature(InviteService invites, AccountService accounts, Blocking blocking, InviteConfig config) {
        this.invites = invites;
        this.accounts = accounts;
        this.blocking = blocking;
        this.userInvites = config.userInvites();
    }

    @Override
    public String name() {
        return "invite-commands";
    }

    @Override
    public void register(FeatureContext context) {
        context.iq(IqRoute.serverSet(NS_COMMANDS), this::execute);
        context.discoFeature(DiscoTarget.SERVER, NS_COMMANDS);
        context.discoFeature(DiscoTarget.SERVER, "urn:xmpp:invite");
    }

    private CompletionStage<Element> execute(IqRequest request) {
        Element command = request.iq().payload();
        String node = command.attribute("node");
        if (request.session() == null || request.sender() == null || request.sender().local() == null) {
            return failed(StanzaErrorCondition.FORBIDDEN, "only local accounts may run these commands");
        }
        if ("cancel".equals(command.attribute("action"))) {
            // XEP-0050 §3.4.3: a canceled command answers with status 'canceled'.
            return CompletableFuture.completedFuture(reply(node, command.attribute("sessionid"), "canceled", null));
        }
        String localpart = request.sender().local();
        return blocking.supply(() -> {
            Role role = accounts.find(localpart).map(Account::role).orElse(Role.LIMITED);
            return switch (node == null ? "" : node) {
                case NODE_INVITE -> {
                    if (role == Role.LIMITED || role == Role.USER && !userInvites) {
                        throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "you may not create invites");
                    }
                    yield completed(node, null, invites.create(new InviteRequest(InviteKind.CONTACT, null, null,
                            localpart, localpart, null, 1, null, List.of())));
                }
                case NODE_CREATE -> {
                    if (role != Role.ADMIN) {
                        throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "only admins create accounts");
                    }
                    Map<String, String> form = DataForms.values(command);
                    if (command.child("x", DataForms.NS) == null) {
                        yield reply(node, "create-" + Long.toHexString(System.nanoTime()), "executing",
                                DataForms.form("form", "urn:xmpp:invite#create-account", "Invite a new user")
                                        .child(DataForms.field("username", "text-single", "Username (optional)", null, false))
                                        .child(DataForms.field("roster-subscription", "boolean",
                                                "Add me to their contacts", "false", false))
                                        .build());
                    }
                    String username = form.get("username");
                    boolean contact = "true".equals(form.get("roster-subscription")) || "1".equals(form.get("roster-subscription"));
                    try {
                        yield completed(node, command.attribute("sessionid"), invites.create(new InviteRequest(
                                contact ? InviteKind.CONTACT : InviteKind.ACCOUNT, null, username,
                                contact ? localpart : null, localpart, null, 1, null, List.of())));
                    } catch (IllegalArgumentException | im.kith.xmpp.account.AccountException e) {
                        throw new StanzaErrorException(StanzaErrorCondition.NOT_ACCEPTABLE, e.getMessage());
                    }
                }
                // XEP-0050 §6: an unknown command node is item-not-found.
                default -> throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such command");
            };
        });
    }

    private static Element completed(String node, String sessionId, CreatedInvite created) {
        Element x = DataForms.form("result", "urn:xmpp:invite#invitation", null)
                .child(DataForms.field("uri", "text-single", null, created.xmppUri(), false))
                .child(DataForms.field("landing-url", "text-single", null, created.landingUrl(), false))
                .child(DataForms.field("expire", "text-single", null, created.invite().expiresAt().toString(), false))
                .build();
        return reply(node, sessionId, "completed", x);
    }

    private static Element reply(String node, String sessionId, String status, Element payload) {
        Element.Builder b = Element.builder("command", NS_COMMANDS).attribute("node", node)
                .attribute("sessionid", sessionId != null ? sessionId : "invite-" + Long.toHexString(System.nanoTime()))
                .attribute("status", status);
        if ("executing".equals(status)) {
            b.child(Element.builder("actions", NS_COMMANDS).attribute("execute", "complete")
                    .child(Element.of("complete", NS_COMMANDS)).build());
        }
        if (payload != null) {
            b.child(payload);
        }
        return b.build();
    }

    private static CompletionStage<Element> failed(StanzaErrorCondition condition, String text) {
        return CompletableFuture.failedFuture(new StanzaErrorException(condition, text));
    }
}
