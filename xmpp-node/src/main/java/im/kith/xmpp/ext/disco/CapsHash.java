package im.kith.xmpp.ext.disco;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import im.kith.xmpp.xml.Element;

/** The XEP-0115 §5.1 verification string of a disco#info result. */
final class CapsHash {
    private static final String DATA = "jabber:x:data";

    private CapsHash() {
    }

    static String ver(Element info) {
        StringBuilder s = new StringBuilder();
        List<String> identities = new ArrayList<>();
        for (Element id : info.elements("identity", DiscoFeature.INFO)) {
            identities.add(nz(id.attribute("category")) + "/" + nz(id.attribute("type")) + "/"
                    + nz(id.attribute("xml:lang")) + "/" + nz(id.attribute("name")));
        }
        identities.sort(Comparator.naturalOrder());
        identities.forEach(i -> s.append(i).append('<'));
        info.elements("feature", DiscoFeature.INFO).stream().map(f -> f.attribute("var")).sorted()
                .forEach(v -> s.append(v).append('<'));
        List<Element> forms = new ArrayList<>(info.elements("x", DATA));
        forms.sort(Comparator.comparing(CapsHash::formType));
        for (Element form : forms) {
            s.append(formType(form)).append('<');
            form.elements("field", DATA).stream().filter(f -> !"FORM_TYPE".equals(f.attribute("var")))
                    .sorted(Comparator.comparing(f -> nz(f.attribute("var")))).forEach(f -> {
                        s.append(f.attribute("var")).append('<');
                        f.elements("value", DATA).stream().map(Element::text).sorted()
                                .forEach(v -> s.append(v).append('<'));
                    });
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String formType(Element form) {
        for (Element f : form.elements("field", DATA)) {
            if ("FORM_TYPE".equals(f.attribute("var"))) {
                return nz(f.childText("value", DATA));
            }
        }
        return "";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
