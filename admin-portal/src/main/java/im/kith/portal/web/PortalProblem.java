package im.kith.portal.web;

import java.util.Locale;

/**
 * A request the portal refuses, shown as a page with a status code, a title and an explanation; never a
 * stack trace. {@link #signIn()} sends the browser to the login page instead.
 */
public final class PortalProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final Locale locale;

    private PortalProblem(int status, String title, String text, Locale locale) {
        super(text, null, false, false);
        this.status = status;
        this.title = title;
        this.locale = locale;
    }

    /** A problem page. */
    public static PortalProblem of(int status, String title, String text, Locale locale) {
        return new PortalProblem(status, title, text, locale);
    }

    /** Not signed in (or the session ended): go to the login page. */
    public static PortalProblem signIn() {
        return new PortalProblem(303, null, null, Locale.ENGLISH);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Locale locale() {
        return locale;
    }

    public boolean redirectsToLogin() {
        return status == 303;
    }
}
