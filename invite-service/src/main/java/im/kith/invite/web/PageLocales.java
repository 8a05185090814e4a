package im.kith.invite.web;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

/** Picks the page language from {@code Accept-Language} (RFC 9110 §12.5.4) among those translated. */
@ApplicationScoped
public class PageLocales {
    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

    public Locale pick(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale found = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
            return found != null ? found : Locale.ENGLISH;
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }
}
