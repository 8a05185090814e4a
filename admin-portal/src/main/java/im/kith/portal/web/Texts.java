package im.kith.portal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

import im.kith.xmpp.account.Role;

/** The portal's texts in a language, for messages composed in Java (notices, problem pages, labels). */
@ApplicationScoped
public class Texts {

    public PortalMessages in(Locale locale) {
        return Locale.GERMAN.getLanguage().equals(locale.getLanguage())
                ? MessageBundles.get(PortalMessages.class, Localized.Literal.of("de"))
                : MessageBundles.get(PortalMessages.class);
    }

    /** A date and time in the visitor's language, in UTC (the server does not know the visitor's zone). */
    public String dateTime(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }

    /** A date in the visitor's language. */
    public String date(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(instant);
    }

    /** The name of a role in the visitor's language. */
    public String role(Role role, Locale locale) {
        PortalMessages m = in(locale);
        return switch (role) {
            case ADMIN -> m.roleADMIN();
            case USER -> m.roleUSER();
            case LIMITED -> m.roleLIMITED();
        };
    }
}
