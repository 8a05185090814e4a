package im.kith.xmpp.ext.pep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import im.kith.xmpp.feature.IqRequest;
import im.kith.xmpp.stanza.StanzaError;
import im.kith.xmpp.stanza.StanzaErrorCondition;
import im.kith.xmpp.stanza.StanzaErrorException;
import im.kith.xmpp.xml.Element;

/** The XEP-0060 requests PEP supports, in the {@code pubsub} and {@code pubsub#owner} namespaces. */
@ApplicationScoped
public class PubSubIq {
    private final PepService service;

    public PubSubIq(PepService service) {
        this.service = service;
    }

    /** §7.1 publish and §7.2 retract. */
    CompletionStage<Element> set(IqRequest req) {
        Element pubsub = req.iq().payload();
        Element publish = pubsub.child("publish", PepNs.PUBSUB);
        if (publish != null) {
            return publish(req, publish, pubsub.child("publish-options", PepNs.PUBSUB));
        }
        Element retract = pubsub.child("retract", PepNs.PUBSUB);
        if (retract != null) {
            String node = node(retract);
            List<Element> items = retract.elements("item", PepNs.PUBSUB);
            if (items.size() != 1 || items.get(0).attribute("id") == null) {
                // §7.2.3.3: the item id is required.
                throw pubsubError(StanzaErrorCondition.BAD_REQUEST, "item-required", "retract one item by id");
            }
            String notify = retract.attribute("notify");
            return service.retract(req.target(), req.sender(), node, items.get(0).attribute("id"),
                    "true".equals(notify) || "1".equals(notify)).thenApply(v -> null);
        }
        throw unsupported(pubsub);
    }

    /** §6.5 items retrieval. */
    CompletionStage<Element> get(IqRequest req) {
        Element pubsub = req.iq().payload();
        Element items = pubsub.child("items", PepNs.PUBSUB);
        if (items == null) {
            throw unsupported(pubsub);
        }
        String node = node(items);
        List<String> ids = new ArrayList<>();
        for (Element item : items.elements("item", PepNs.PUBSUB)) {
            String id = item.attribute("id");
            if (id == null) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "an item without 'id'");
            }
            ids.add(id);
        }
        int max = maxItems(items.attribute("max_items"));
        return service.items(req.target(), req.sender(), node, ids, max).thenApply(found -> {
            Element.Builder out = Element.builder("items", PepNs.PUBSUB).attribute("node", node);
            for (PepService.Item i : found) {
                out.child(Element.builder("item", PepNs.PUBSUB).attribute("id", i.id()).child(i.payload()).build());
            }
            return Element.builder("pubsub", PepNs.PUBSUB).child(out.build()).build();
        });
    }

    /** §8.2 configuration form and §8.3 default configuration. */
    CompletionStage<Element> ownerGet(IqRequest req) {
        Element pubsub = req.iq().payload();
        Element configure = pubsub.child("configure", PepNs.OWNER);
        if (configure != null) {
            String node = node(configure);
            return service.configuration(req.target(), req.sender(), node).thenApply(s -> owner(
                    Element.builder("configure", PepNs.OWNER).attribute("node", node)
                            .child(ConfigForm.form(s, service.maxItemsCap())).build()));
        }
        if (pubsub.child("default", PepNs.OWNER) != null) {
            return CompletableFuture.completedFuture(owner(Element.builder("default", PepNs.OWNER)
                    .child(ConfigForm.form(NodeSettings.defaults(), service.maxItemsCap())).build()));
        }
        throw unsupported(pubsub);
    }

    /** §8.2.4 submitting a configuration and §8.4 node deletion. */
    CompletionStage<Element> ownerSet(IqRequest req) {
        Element pubsub = req.iq().payload();
        Element configure = pubsub.child("configure", PepNs.OWNER);
        if (configure != null) {
            String node = node(configure);
            Element form = configure.child("x", PepNs.DATA);
            if (form == null) {
                throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "a configuration form is required");
            }
            if ("cancel".equals(form.attribute("type"))) {
                return CompletableFuture.completedFuture(null);
            }
            return service.configure(req.target(), req.sender(), node, ConfigForm.fields(form)).thenApply(s -> null);
        }
        Element delete = pubsub.child("delete", PepNs.OWNER);
        if (delete != null) {
            return service.deleteNode(req.target(), req.sender(), node(delete)).thenApply(v -> null);
        }
        throw unsupported(pubsub);
    }

    private CompletionStage<Element> publish(IqRequest req, Element publish, Element publishOptions) {
        String node = node(publish);
        List<Element> items = publish.elements("item", PepNs.PUBSUB);
        if (items.size() > 1) {
            // One item per publish request (XEP-0060 §7.1.1).
            throw pubsubError(StanzaErrorCondition.BAD_REQUEST, "invalid-payload", "publish one item per request");
        }
        Element item = items.isEmpty() ? null : items.get(0);
        List<Element> payloads = item == null ? List.of() : item.elements();
        if (payloads.isEmpty()) {
            // §7.1.3.6: a PEP node delivers payloads, so the item needs one.
            throw pubsubError(StanzaErrorCondition.BAD_REQUEST, "payload-required", "the item has no payload");
        }
        if (payloads.size() > 1) {
            // §7.1.3.5: exactly one payload element.
            throw pubsubError(StanzaErrorCondition.BAD_REQUEST, "invalid-payload", "one payload element per item");
        }
        Element form = publishOptions == null ? null : publishOptions.child("x", PepNs.DATA);
        return service.publish(req.target(), req.sender(), node, item.attribute("id"), payloads.get(0),
                ConfigForm.fields(form)).thenApply(id -> Element.builder("pubsub", PepNs.PUBSUB)
                        .child(Element.builder("publish", PepNs.PUBSUB).attribute("node", node)
                                .child(Element.builder("item", PepNs.PUBSUB).attribute("id", id).build()).build())
                        .build());
    }

    private static Element owner(Element child) {
        return Element.builder("pubsub", PepNs.OWNER).child(child).build();
    }

    private static String node(Element e) {
        String node = e.attribute("node");
        if (node == null || node.isEmpty()) {
            // §6.5.9 and others: a request on a node needs its NodeID.
            throw pubsubError(StanzaErrorCondition.BAD_REQUEST, "nodeid-required", "the 'node' attribute is required");
        }
        return node;
    }

    private static int maxItems(String value) {
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new StanzaErrorException(StanzaErrorCondition.BAD_REQUEST, "max_items must be a positive number");
    }

    /** §7.1.3 et al.: the unsupported request, with XEP-0060's {@code <unsupported feature='…'/>}. */
    private static StanzaErrorException unsupported(Element pubsub) {
        Element first = pubsub.firstElement();
        String what = first == null ? "?" : first.name();
        String feature = switch (what) {
            case "create" -> "create-nodes";
            case "subscribe", "unsubscribe", "options" -> "subscribe";
            case "subscriptions" -> "retrieve-subscriptions";
            case "affiliations" -> "retrieve-affiliations";
            case "purge" -> "purge-nodes";
            default -> what;
        };
        return new StanzaErrorException(StanzaError.of(StanzaErrorCondition.FEATURE_NOT_IMPLEMENTED,
                "'" + what + "' is not supported by this PEP service").withApplicationCondition(
                Element.builder("unsupported", PepNs.ERRORS).attribute("feature", feature).build()));
    }

    private static StanzaErrorException pubsubError(StanzaErrorCondition condition, String appCondition, String text) {
        return new StanzaErrorException(StanzaError.of(condition, text)
                .withApplicationCondition(Element.of(appCondition, PepNs.ERRORS)));
    }
}
