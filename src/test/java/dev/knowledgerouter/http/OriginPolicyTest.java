package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.WebOrigin;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which requests a web page made, and which pages may make them. */
class OriginPolicyTest {
    static final Optional<WebOrigin> OWN = Optional.of(WebOrigin.parse("http://127.0.0.1:8080"));
    static final OriginPolicy NONE_LISTED = new OriginPolicy(List.of());
    static final OriginPolicy LISTED = new OriginPolicy(List.of(WebOrigin.parse("http://localhost:5173")));

    static OriginPolicy.Verdict check(OriginPolicy p, String origin, String fetchSite) {
        return p.check(origin == null ? List.of() : List.of(origin), fetchSite, OWN);
    }

    @Test
    void withoutOriginOrFetchMetadataNoPageIsInvolved() {
        assertInstanceOf(OriginPolicy.NoOrigin.class, check(NONE_LISTED, null, null));
    }

    @Test
    void withoutOriginTheUsersOwnNavigationAndSameOriginFetchesPass() {
        assertInstanceOf(OriginPolicy.NoOrigin.class, check(NONE_LISTED, null, "none"));
        assertInstanceOf(OriginPolicy.NoOrigin.class, check(NONE_LISTED, null, "same-origin"));
    }

    @Test
    void withoutOriginARequestAnotherSitesPageMadeIsForeign() {
        OriginPolicy.Verdict v = check(NONE_LISTED, null, "cross-site");
        assertTrue(v instanceof OriginPolicy.Foreign f && f.who().contains("Sec-Fetch-Site: cross-site"), v.toString());
        assertInstanceOf(
                OriginPolicy.Foreign.class,
                check(NONE_LISTED, null, "same-site"),
                "another port on localhost is another page");
    }

    @Test
    void theServersOwnOriginIsTheSameOriginWithOrWithoutTheDefaultPort() {
        assertInstanceOf(OriginPolicy.SameOrigin.class, check(NONE_LISTED, "http://127.0.0.1:8080", "same-origin"));
        OriginPolicy.Verdict onDefaultPort = NONE_LISTED.check(
                List.of("http://localhost"), null, Optional.of(WebOrigin.parse("http://localhost:80")));
        assertInstanceOf(OriginPolicy.SameOrigin.class, onDefaultPort);
    }

    @Test
    void anotherSiteIsForeignAndNamedInTheVerdict() {
        OriginPolicy.Verdict v = check(NONE_LISTED, "http://evil.example", "cross-site");
        assertEquals(new OriginPolicy.Foreign("the page at http://evil.example"), v);
    }

    @Test
    void anotherPortOnLoopbackIsAnotherOrigin() {
        assertInstanceOf(OriginPolicy.Foreign.class, check(NONE_LISTED, "http://127.0.0.1:3000", "same-site"));
        assertInstanceOf(
                OriginPolicy.Foreign.class, check(NONE_LISTED, "https://127.0.0.1:8080", null), "another scheme too");
        assertInstanceOf(
                OriginPolicy.Foreign.class, check(NONE_LISTED, "http://localhost:8080", null), "another name too");
    }

    @Test
    void theNullOriginIsForeign() {
        OriginPolicy.Verdict v = check(LISTED, "null", null);
        assertTrue(v instanceof OriginPolicy.Foreign f && f.who().contains("Origin: null"), v.toString());
    }

    @Test
    void aListedOriginIsEchoedAsSentForCors() {
        OriginPolicy.Verdict v = check(LISTED, "http://localhost:5173", "same-site");
        assertEquals(new OriginPolicy.Listed("http://localhost:5173"), v);
        assertInstanceOf(OriginPolicy.Foreign.class, check(LISTED, "http://localhost:5174", null));
    }

    @Test
    void underAForeignHostNoOriginIsTheServersOwn() {
        OriginPolicy.Verdict v = NONE_LISTED.check(List.of("http://evil.example:8080"), null, Optional.empty());
        assertInstanceOf(OriginPolicy.Foreign.class, v);
    }

    @Test
    void severalOriginHeadersOrAMalformedOneAreForeign() {
        List<String> two = List.of("http://127.0.0.1:8080", "http://evil.example");
        assertInstanceOf(OriginPolicy.Foreign.class, NONE_LISTED.check(two, null, OWN));
        OriginPolicy.Verdict v = check(NONE_LISTED, "x".repeat(300), null);
        assertTrue(v instanceof OriginPolicy.Foreign f && f.who().length() < 150, "not echoed whole: " + v);
    }

    @Test
    void corsIsOnOnlyWhenAnOriginIsListed() {
        assertFalse(NONE_LISTED.corsEnabled());
        assertTrue(LISTED.corsEnabled());
    }
}
