package im.kith.xmpp.ext.disco;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import im.kith.xmpp.xml.Element;

/**
 * Collects XEP-0128 extended information (data forms) that other features attach to the server's
 * disco#info, such as XEP-0157 contact addresses.
 */
@ApplicationScoped
public class DiscoExtensions {
    private final Instance<ServerInfoForm> forms;

    @Inject
    public DiscoExtensions(Instance<ServerInfoForm> forms) {
        this.forms = forms;
    }

    List<Element> forms() {
        return forms.stream().map(ServerInfoForm::form).filter(f -> f != null).toList();
    }

    /** A bean contributing one {@code <x xmlns='jabber:x:data' type='result'/>} to server disco#info. */
    public interface ServerInfoForm {
        Element form();
    }
}
