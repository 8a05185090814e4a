package im.kith.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A minimal browser for the tests: keeps cookies, follows 303 redirects itself (so that cookies set on
 * a redirect are kept), sends a language and optionally a client address, and reads form tokens.
 */
final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String language;
    private final String address;
    private String lastPage = "";

    Browser(String language, String address) {
        this.language = language;
        this.address = address;
    }

    Browser() {
        this("en", null);
    }

    /** Loads a page, following redirects; the path is sent as given (a Location is already encoded). */
    Response get(String path) {
        Response r = request().urlEncodingEnabled(false).get(path);
        remember(r);
        if (r.statusCode() == 303) {
            return get(r.header("Location"));
        }
        lastPage = r.asString();
        return r;
    }

    /** Posts a form with the token of the last page loaded, following a 303 answer. */
    Response post(String path, Object... fields) {
        return postWithToken(path, csrf(), fields);
    }

    /** Posts a form with a given token (or none, when null), following a 303 answer. */
    Response postWithToken(String path, String token, Object... fields) {
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        if (token != null) {
            spec.formParam("csrf", token);
        }
        for (int i = 0; i < fields.length; i += 2) {
            spec.formParam((String) fields[i], fields[i + 1]);
        }
        Response r = spec.post(path);
        remember(r);
        if (r.statusCode() == 303) {
            return get(r.header("Location"));
        }
        lastPage = r.asString();
        return r;
    }

    /** Opens the login form and logs in; returns the page landed on. */
    Response logIn(String name, String password) {
        get("/portal/login");
        return post("/portal/login", "address", name, "password", password);
    }

    /** The anti-CSRF token of the last page. */
    String csrf() {
        Matcher m = CSRF.matcher(lastPage);
        assertThat(m.find()).as("a form token on the last page").isTrue();
        return m.group(1);
    }

    /** The value of the session cookie, for requests made without this browser. */
    String sessionCookie() {
        return cookies.get("kith_portal");
    }

    boolean hasSession() {
        return cookies.containsKey("kith_portal");
    }

    private RequestSpecification request() {
        RequestSpecification spec = given().redirects().follow(false).header("Accept-Language", language)
                .cookies(cookies);
        if (address != null) {
            spec.header("X-Forwarded-For", address);
        }
        return spec;
    }

    private void remember(Response r) {
        for (Cookie c : r.getDetailedCookies()) {
            if (c.getValue() == null || c.getValue().isEmpty() || c.getMaxAge() == 0) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        }
    }
}
