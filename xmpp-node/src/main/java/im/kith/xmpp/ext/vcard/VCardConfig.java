package im.kith.xmpp.ext.vcard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** vCard settings ({@code kith.vcard.*}). */
@ConfigMapping(prefix = "kith.vcard")
public interface VCardConfig {

    /** Largest vCard an account may publish, in bytes of serialised XML (KITH_VCARD_MAX_BYTES). */
    @WithName("max-bytes")
    @WithDefault("65536")
    int maxBytes();
}
