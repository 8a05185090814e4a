package im.kith.xmpp.s2s;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import im.kith.xmpp.stanza.Ns;
import im.kith.xmpp.stanza.StreamErrorCondition;
import im.kith.xmpp.xml.Element;
import im.kith.xmpp.xml.Node;
import im.kith.xmpp.xml.XmlStreamDecoder;
import im.kith.xmpp.xml.XmlStreamHandler;
import im.kith.xmpp.xml.XmlViolation;
import im.kith.xmpp.xml.XmlWriter;

/**
 * What incoming and outgoing server streams share: the XML decoder with the node's limits, output with
 * the {@code jabber:server} content namespace, stream errors, restarts and the idle timer. Confined to
 * the connection's event loop.
 */
abstract class S2sStream implements XmlStreamHandler, LinkHandler, StanzaChannel {
    private static final Logger LOG = Logger.getLogger(S2sStream.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    protected final S2sLink link;
    protected final FederationServices services;
    private final XmlStreamDecoder decoder;
    private long lastActivityNanos = System.nanoTime();
    private boolean ended;

    S2sStream(S2sLink link, FederationServices services) {
        this.link = link;
        this.services = services;
        this.decoder = new XmlStreamDecoder(this, services.preAuthLimits());
    }

    /** Starts the idle clock (RFC 6120 §4.6.1: idle streams may be closed). */
    protected void startIdleTimer() {
        scheduleIdleCheck(services.config().idleTimeout());
    }

    private void scheduleIdleCheck(Duration idle) {
        link.schedule(idle.dividedBy(2), () -> {
            if (ended) {
                return;
            }
            if (System.nanoTime() - lastActivityNanos > idle.toNanos()) {
                LOG.debugf("closing idle s2s stream with %s", link.describe());
                closeGracefully();
            } else {
                scheduleIdleCheck(idle);
            }
        });
    }

    @Override
    public void receive(byte[] data) {
        lastActivityNanos = System.nanoTime();
        decoder.feed(data);
    }

    @Override
    public void writeQueueFull() {
        closeWithError(StreamErrorCondition.RESOURCE_CONSTRAINT, "the peer is not reading");
    }

    @Override
    public void connectionClosed() {
        if (!ended) {
            end();
        }
    }

    @Override
    public void onViolation(XmlViolation violation, String detail) {
        closeWithError(StreamErrorCondition.valueOf(violation.name()), detail);
    }

    @Override
    public void onStreamClose() {
        if (!ended) {
            link.write("</stream:stream>");
            end();
        }
    }

    /** A new random stream id (RFC 6120 §4.7.3: unpredictable, it feeds the dialback key). */
    protected static String newStreamId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Writes a stream header with the server namespace and the dialback prefix (XEP-0220 §2.1.1). */
    protected void writeHeader(String from, String to, String id) {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?><stream:stream xmlns='").append(Ns.SERVER)
                .append("' xmlns:stream='").append(Ns.STREAMS).append("' xmlns:db='").append(S2sNs.DIALBACK)
                .append("' version='1.0'");
        attr(sb, "from", from);
        attr(sb, "to", to);
        attr(sb, "id", id);
        link.write(sb.append('>').toString());
    }

    private static void attr(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(' ').append(name).append("='").append(XmlWriter.escape(value)).append('\'');
        }
    }

    /**
     * Writes a stanza from inside the node: its jabber:client elements become jabber:server. Stanzas
     * sent count as traffic for the idle timer, as stanzas received do.
     */
    @Override
    public void send(Element clientElement) {
        lastActivityNanos = System.nanoTime();
        write(XmlWriter.toXml(clientElement, Ns.CLIENT));
    }

    @Override
    public Executor executor() {
        return link.executor();
    }

    /** Writes a dialback element with the {@code db:} prefix bound on the header. */
    protected void writeDialback(String name, Map<String, String> attributes, String text) {
        StringBuilder sb = new StringBuilder("<db:").append(name);
        attributes.forEach((k, v) -> attr(sb, k, v));
        if (text == null) {
            sb.append("/>");
        } else {
            sb.append('>');
            XmlWriter.escape(text, sb, false);
            sb.append("</db:").append(name).append('>');
        }
        write(sb.toString());
    }

    /** XEP-0220 §2.4: a dialback error with a stanza error condition. */
    protected void dialbackError(String name, String from, String to, String id, String condition, String type) {
        StringBuilder sb = new StringBuilder("<db:").append(name);
        attr(sb, "from", from);
        attr(sb, "to", to);
        attr(sb, "id", id);
        sb.append(" type='error'><error type='").append(type).append("'><").append(condition).append(" xmlns='")
                .append(Ns.STANZA_ERRORS).append("'/></error></db:").append(name).append('>');
        write(sb.toString());
    }

    protected void write(String data) {
        if (!ended) {
            link.write(data);
        }
    }

    /** Expects a new stream header (after STARTTLS or SASL success, RFC 6120 §5.4.3.3, §6.4.6). */
    protected void restart() {
        decoder.reset();
    }

    protected boolean hasUnparsedInput() {
        return decoder.hasUnparsedInput();
    }

    /** Applies the stanza limits of authenticated streams. */
    protected void authenticatedLimits() {
        decoder.limits(services.limits());
    }

    /** Sends a stream error and closes (RFC 6120 §4.9.1.1). */
    public void closeWithError(StreamErrorCondition condition, String text) {
        if (ended) {
            return;
        }
        LOG.infof("s2s stream with %s closed: %s (%s)", link.describe(), condition.elementName(), text);
        link.write(condition.toXml(text) + "</stream:stream>");
        end();
    }

    /** Sends a stream error and closes, from any thread (shutdown). */
    public void closeLater(StreamErrorCondition condition, String text) {
        link.executor().execute(() -> closeWithError(condition, text));
    }

    /** Closes the stream without an error (RFC 6120 §4.4). */
    public void closeGracefully() {
        if (!ended) {
            link.write("</stream:stream>");
            end();
        }
    }

    private void end() {
        ended = true;
        link.close();
        ended();
    }

    /** Called once when the stream is over, whoever closed it. */
    protected abstract void ended();

    public boolean closed() {
        return ended;
    }

    /**
     * The element as the node sees it: {@code jabber:server} becomes {@code jabber:client} throughout
     * (the stanza namespace inside the node is always jabber:client, RFC 6120 §4.8.3).
     */
    static Element toClientNamespace(Element e) {
        List<Node> children = e.children().stream()
                .map(n -> n instanceof Element c ? (Node) toClientNamespace(c) : n)
                .toList();
        String ns = Ns.SERVER.equals(e.namespace()) ? Ns.CLIENT : e.namespace();
        return new Element(e.name(), ns, e.attributes(), children);
    }
}
