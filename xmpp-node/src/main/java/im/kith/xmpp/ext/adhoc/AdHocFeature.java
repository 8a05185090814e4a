package im.kith.xmpp.ext.adhoc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import im.kith.xmpp.account.Account;
import im.kith.xmpp.account.AccountService;
import im.kith.xmpp.account.Role;
import im.kith.xmpp.config.NodeConfig;
import im.kith.xmpp.ext.disco.DiscoExtensions;
import im.kith.xmpp.feature.DiscoTarget;
import im.kith.xmpp.feature.FeatureContext;
import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.feature.IqRoute;
import im.kith.xmpp.feature.XmppFeature;
import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.support.Blocking;
import im.kith.xmpp.xml.Element;

/**
 * XEP-0050 on the server JID: lists the {@link AdHocCommand} beans a requester may run and runs them
 * stage by stage. Only local accounts run commands; each command decides which roles may.
 */
@ApplicationScoped
public class AdHocFeature implements XmppFeature, DiscoExtensions.ServerNodes {
    public static final String NS = "http://jabber.org/protocol/commands";
    static final String INFO = "http://jabber.org/protocol/disco#info";
    static final String ITEMS = "http://jabber.org/protocol/disco#items";

    private final Map<String, AdHocCommand> commands = new LinkedHashMap<>();
    private final CommandSessions sessions;
    private final AccountService accounts;
    private final Blocking blocking;
    private final Jid domain;
    private volatile boolean enabled;

    public AdHocFeature(Instance<AdHocCommand> beans, CommandSessions sessions, AccountService accounts,
            Blocking blocking, NodeConfig node) {
        beans.stream().sorted(java.util.Comparator.comparing(AdHocCommand::node)).forEach(c -> {
            if (commands.putIfAbsent(c.node(), c) != null) {
                throw new IllegalStateException("two ad-hoc commands for node " + c.node());
            }
        });
        this.sessions = sessions;
        this.accounts = accounts;
        this.blocking = blocking;
        this.domain = Jid.domain(node.domain());
    }

    @Override
    public String name() {
        return "adhoc";
    }

    @Override
    public void register(FeatureContext ctx) {
        enabled = true;
        // §2.1: support is announced in the server's disco#info.
        ctx.discoFeature(DiscoTarget.SERVER, NS);
        ctx.iq(IqRoute.serverSet(NS), this::command);
    }

    @Override
    public boolean owns(String node) {
        return enabled && (NS.equals(node) || commands.containsKey(node));
    }

    /** §2.2: the commands this requester may run, as items of the server. */
    @Override
    public CompletionStage<Element> items(String node, Jid requester) {
        return role(requester).thenApply(role -> {
            Element.Builder q = Element.builder("query", ITEMS).attribute("node", node);
            if (NS.equals(node)) {
                commands.values().stream().filter(c -> role.isPresent() && c.allows(role.get()))
                        .forEach(c -> q.child(Element.builder("item", ITEMS).attribute("jid", domain)
                                .attribute("node", c.node()).attribute("name", c.name()).build()));
            }
            return q.build();
        });
    }

    /** §2.3: a command node is a command-node identity with the commands and data forms features. */
    @Override
    public CompletionStage<Element> info(String node, Jid requester) {
        return role(requester).thenApply(role -> {
            Element.Builder q = Element.builder("query", INFO).attribute("node", node);
            if (NS.equals(node)) {
                q.child(Element.builder("identity", INFO).attribute("category", "automation")
                        .attribute("type", "command-list").attribute("name", "Commands").build());
            } else {
                AdHocCommand c = permitted(node, role);
                q.child(Element.builder("identity", INFO).attribute("category", "automation")
                        .attribute("type", "command-node").attribute("name", c.name()).build());
            }
            q.child(Element.builder("feature", INFO).attribute("var", NS).build());
            q.child(Element.builder("feature", INFO).attribute("var", SubmittedForm.NS).build());
            return q.build();
        });
    }

    private CompletionStage<Element> command(IqRequest req) {
        Element cmd = req.iq().payload();
        if (!cmd.is("command", NS)) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "expected <command/>");
        }
        String node = cmd.attribute("node");
        AdHocAction action = AdHocAction.of(cmd.attribute("action"));
        if (node == null) {
            throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "the command needs a node");
        }
        if (action == null) {
            // §4.6: an unknown action is a malformed-action.
            throw specific(StanzaErrorCondition.BAD_REQUEST, "malformed-action");
        }
        Jid requester = req.sender();
        String sessionId = cmd.attribute("sessionid");
        SubmittedForm form = SubmittedForm.of(cmd);
        return role(requester).thenCompose(role -> {
            AdHocCommand command = permitted(node, role);
            if (sessionId == null) {
                if (action != AdHocAction.EXECUTE) {
                    throw specific(StanzaErrorCondition.BAD_REQUEST, "bad-action");
                }
                String id = sessions.newId();
                return run(command, requester, id, new AdHocStep(requester, AdHocAction.EXECUTE, form, null));
            }
            return switch (sessions.take(requester, sessionId)) {
                case CommandSessions.Lookup.Unknown u -> throw specific(StanzaErrorCondition.BAD_REQUEST, "bad-sessionid");
                // §4.6: a session that timed out.
                case CommandSessions.Lookup.Expired e -> throw specific(StanzaErrorCondition.NOT_ALLOWED, "session-expired");
                case CommandSessions.Lookup.Found f -> continueSession(command, requester, sessionId, f.session(), action, form);
            };
        });
    }

    private CompletionStage<Element> continueSession(AdHocCommand command, Jid requester, String sessionId,
            CommandSessions.Running running, AdHocAction action, SubmittedForm form) {
        if (!running.node().equals(command.node())) {
            throw specific(StanzaErrorCondition.BAD_REQUEST, "bad-sessionid");
        }
        AdHocAction effective = action == AdHocAction.EXECUTE
                ? (running.last() ? AdHocAction.COMPLETE : AdHocAction.NEXT) : action;
        return switch (effective) {
            // §3.4.4: canceling ends the session.
            case CANCEL -> CompletableFuture.completedFuture(reply(command.node(), sessionId, "canceled").build());
            case NEXT, COMPLETE -> run(command, requester, sessionId,
                    new AdHocStep(requester, effective, form, running.state()));
            // §4.6: an action the current stage does not allow (going back is not offered).
            default -> {
                sessions.put(requester, sessionId, running.node(), running.state(), running.last());
                throw specific(StanzaErrorCondition.BAD_REQUEST, "bad-action");
            }
        };
    }

    private CompletionStage<Element> run(AdHocCommand command, Jid requester, String sessionId, AdHocStep step) {
        return blocking.supply(() -> command.step(step)).thenCompose(stage -> stage).thenApply(result -> switch (result) {
            case AdHocResult.Executing e -> {
                if (!sessions.put(requester, sessionId, command.node(), e.state(), e.last())) {
                    throw new StanzaErrorException(StanzaErrorCondition.RESOURCE_CONSTRAINT,
                            "too many commands running; complete or cancel some");
                }
                String next = e.last() ? "complete" : "next";
                yield reply(command.node(), sessionId, "executing")
                        .child(Element.builder("actions", NS).attribute("execute", next).child(Element.of(next, NS)).build())
                        .child(e.form()).build();
            }
            case AdHocResult.Completed c -> {
                Element.Builder b = reply(command.node(), sessionId, "completed");
                if (c.note() != null) {
                    b.child(Element.builder("note", NS)
                            .attribute("type", c.note().type().name().toLowerCase(java.util.Locale.ROOT))
                            .text(c.note().text()).build());
                }
                yield b.child(c.form()).build();
            }
        });
    }

    private static Element.Builder reply(String node, String sessionId, String status) {
        return Element.builder("command", NS).attribute("node", node).attribute("sessionid", sessionId)
                .attribute("status", status);
    }

    /** The command, if it exists and the role may run it; else item-not-found or forbidden. */
    private AdHocCommand permitted(String node, Optional<Role> role) {
        AdHocCommand c = commands.get(node);
        if (c == null) {
            throw new StanzaErrorException(StanzaErrorCondition.ITEM_NOT_FOUND, "no such command");
        }
        if (role.isEmpty() || !c.allows(role.get())) {
            throw new StanzaErrorException(StanzaErrorCondition.FORBIDDEN, "you may not run this command");
        }
        return c;
    }

    /** The role of a local requester; empty for anyone else. */
    private CompletionStage<Optional<Role>> role(Jid requester) {
        if (requester == null || requester.local() == null || !requester.domain().equals(domain.domain())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return blocking.supply(() -> accounts.find(requester.local()).filter(a -> !a.disabled()).map(Account::role));
    }

    private static StanzaErrorException specific(StanzaErrorCondition condition, String name) {
        return new StanzaErrorException(StanzaError.of(condition).withApplicationCondition(Element.of(name, NS)));
    }

    /** The registered commands, for tests and status pages. */
    public List<String> nodes() {
        return List.copyOf(commands.keySet());
    }
}
