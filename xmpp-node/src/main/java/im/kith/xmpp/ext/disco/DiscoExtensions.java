package im.kith.xmpp.ext.disco;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import im.kith.xmpp.jid.Jid;
import im.kith.xmpp.xml.Element;

/**
 * Collects XEP-0128 extended information (data forms) that other features attach to the server's
 * disco#info, such as XEP-0157 contact addresses.
 */
@ApplicationScoped
public class DiscoExtensions {
    private final Instance<ServerInfoForm> forms;
    private final Instance<ServerNodes> nodes;

    @Inject
    public DiscoExtensions(Instance<ServerInfoForm> forms, Instance<ServerNodes> nodes) {
        this.forms = forms;
        this.nodes = nodes;
    }

    /** The bean answering for a disco node of the server, if any. */
    Optional<ServerNodes> node(String node) {
        return nodes.stream().filter(n -> n.owns(node)).findFirst();
    }

    List<Element> forms() {
        return forms.stream().map(ServerInfoForm::form).filter(f -> f != null).toList();
    }

    /**
     * A bean answering server disco#info and disco#items for the nodes it owns (XEP-0030 §3.2 and §4.2),
     * e.g. the XEP-0050 command list and its commands. Answers may depend on the requester.
     */
    public interface ServerNodes {
        boolean owns(String node);

        /** The complete {@code <query xmlns='…#info' node='…'/>}; may fail with a stanza error. */
        CompletionStage<Element> info(String node, Jid requester);

        /** The complete {@code <query xmlns='…#items' node='…'/>}; may fail with a stanza error. */
        CompletionStage<Element> items(String node, Jid requester);
    }

    /** A bean contributing one {@code <x xmlns='jabber:x:data' type='result'/>} to server disco#info. */
    public interface ServerInfoForm {
        Element form();
    }
}
