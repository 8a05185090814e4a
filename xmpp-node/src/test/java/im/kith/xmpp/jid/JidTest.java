package im.kith.xmpp.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.IDN;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import rocks.xmpp.precis.PrecisProfiles;

/** RFC 7622 §3.5's examples, and the ASCII shortcuts taken before PRECIS and IDNA. */
class JidTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "juliet@example.com|juliet@example.com",
            "juliet@example.com/foo|juliet@example.com/foo",
            "juliet@example.com/foo bar|juliet@example.com/foo bar",
            "juliet@example.com/foo@bar|juliet@example.com/foo@bar",
            "foo\\20bar@example.com|foo\\20bar@example.com",
            "fussball@example.com|fussball@example.com",
            "fußball@example.com|fußball@example.com",
            "π@example.com|π@example.com",
            "Σ@example.com/foo|σ@example.com/foo",
            "σ@example.com/foo|σ@example.com/foo",
            "ς@example.com/foo|ς@example.com/foo",
            "king@example.com/♚|king@example.com/♚",
            "example.com|example.com",
            "example.com/foobar|example.com/foobar",
            "a.example.com/b@example.net|a.example.com/b@example.net",
            "Juliet@Example.COM/Balcony|juliet@example.com/Balcony",
            "juliet@example.com.|juliet@example.com",
            "juliet@bücher.example|juliet@xn--bcher-kva.example",
    })
    void rfc7622ValidExamplesNormaliseToTheirCanonicalForm(String input, String canonical) {
        assertThat(Jid.parse(input).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"juliet\"@example.com", "foo bar@example.com", "juliet@example.com/", "@example.com/",
            "henryⅣ@example.com", "♚@example.com", "juliet@", "/foobar", "juliet@-example.com",
            "juliet@example..com", "juliet@exa_mple.com", "jul\u0000iet@example.com", "juliet@example.com/a\u0007",
    })
    void rfc7622InvalidExamplesAreRefused(String input) {
        assertThatThrownBy(() -> Jid.parse(input)).isInstanceOf(JidException.class);
    }

    @Test
    void asciiLocalpartsAndResourcepartsNormaliseExactlyAsPrecisDoes() {
        SplittableRandom random = new SplittableRandom(7622);
        for (int c = 0; c < 128; c++) {
            assertSameAsPrecis(String.valueOf((char) c));
        }
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[1 + random.nextInt(12)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(0x7F + 1);
            }
            assertSameAsPrecis(new String(chars));
        }
    }

    @Test
    void asciiDomainpartsNormaliseExactlyAsIdnaDoes() {
        SplittableRandom random = new SplittableRandom(5891);
        String alphabet = "abcxyzABZ0129-._";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder d = new StringBuilder();
            int length = 1 + random.nextInt(16);
            for (int j = 0; j < length; j++) {
                d.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertSameAsIdna(d.toString());
        }
        assertSameAsIdna("a".repeat(63) + ".example");
        assertSameAsIdna("a".repeat(64) + ".example");
    }

    @Test
    void partsLongerThan1023OctetsAreRefused() {
        assertThat(Jid.parse("a".repeat(1023) + "@example.com").local()).hasSize(1023);
        assertThatThrownBy(() -> Jid.parse("a".repeat(1024) + "@example.com")).isInstanceOf(JidException.class);
        assertThatThrownBy(() -> Jid.parse("ü".repeat(512) + "@example.com")).isInstanceOf(JidException.class);
        assertThatThrownBy(() -> Jid.parse("example.com/" + "r".repeat(1024))).isInstanceOf(JidException.class);
    }

    private static void assertSameAsPrecis(String part) {
        assertThat(outcome(() -> Jid.normalizeLocal(part)))
                .as("localpart %s", escaped(part))
                .isEqualTo(outcome(() -> slowLocal(part)));
        assertThat(outcome(() -> Jid.normalizeResource(part)))
                .as("resourcepart %s", escaped(part))
                .isEqualTo(outcome(() -> PrecisProfiles.OPAQUE_STRING.enforce(part)));
    }

    private static String slowLocal(String part) {
        String n = PrecisProfiles.USERNAME_CASE_MAPPED.enforce(part);
        if (n.chars().anyMatch(c -> "\"&'/:<>@".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("excluded");
        }
        return n;
    }

    private static void assertSameAsIdna(String domain) {
        assertThat(outcome(() -> Jid.normalizeDomain(domain)))
                .as("domainpart %s", domain)
                .isEqualTo(outcome(() -> slowDomain(domain)));
    }

    private static String slowDomain(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
            throw new IllegalArgumentException("empty label");
        }
        return ascii;
    }

    /** The normalised string, or "refused" when the input is invalid. */
    private static String outcome(java.util.function.Supplier<String> normalisation) {
        try {
            return normalisation.get();
        } catch (IllegalArgumentException e) {
            return "refused";
        }
    }

    private static String escaped(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
