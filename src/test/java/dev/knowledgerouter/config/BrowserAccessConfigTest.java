package dev.knowledgerouter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.allowed_hosts} and {@code server.allowed_origins}: what an entry may be, what a bad one is told. */
class BrowserAccessConfigTest {
    @TempDir
    Path dir;

    KrConfig load(String yaml, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("kr.yaml"), yaml);
        return new ConfigLoader(dir, env).load();
    }

    @Test
    void aHostIsANameOrAnAddressWithAnOptionalPortLowercased() {
        assertEquals(new HostPort("kr.example.com", OptionalInt.empty()), HostPort.parse("KR.Example.com"));
        assertEquals(new HostPort("10.0.0.5", OptionalInt.of(8080)), HostPort.parse("10.0.0.5:8080"));
        assertEquals(new HostPort("[::1]", OptionalInt.of(8080)), HostPort.parse("[::1]:8080"));
        assertEquals(new HostPort("[fe80::1]", OptionalInt.empty()), HostPort.parse("[FE80::1]"));
        assertEquals("localhost:8080", HostPort.parse("localhost:8080").toString());
    }

    @Test
    void whatNoBrowserSendsAsAHostIsNotAHost() {
        for (String bad : List.of(
                "",
                "http://kr.example.com",
                "kr.example.com/",
                "user@kr.example.com",
                "kr.example.com.",
                "::1",
                "kr.example.com:0",
                "kr.example.com:70000",
                "kr.example.com:",
                "*",
                "evil.example:80:80",
                "a..b")) {
            assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad), bad);
        }
    }

    @Test
    void anOriginMakesItsDefaultPortExplicitSoEqualOriginsCompareEqual() {
        assertEquals(new WebOrigin("http", "localhost", 80), WebOrigin.parse("http://localhost"));
        assertEquals(WebOrigin.parse("https://tools.example.com:443"), WebOrigin.parse("HTTPS://Tools.Example.com"));
        assertEquals(new WebOrigin("http", "[::1]", 5173), WebOrigin.parse("http://[::1]:5173"));
        assertEquals(
                "http://localhost:5173",
                WebOrigin.parse("http://localhost:5173").toString());
        assertEquals(
                "https://tools.example.com",
                WebOrigin.parse("https://tools.example.com:443").toString());
    }

    @Test
    void anOriginHasNoPathQueryOrUserAndIsHttpOrHttps() {
        IllegalArgumentException path =
                assertThrows(IllegalArgumentException.class, () -> WebOrigin.parse("http://localhost:5173/"));
        assertTrue(
                path.getMessage().contains("write http://localhost:5173 without what follows the host"),
                path.getMessage());
        for (String bad : List.of(
                "localhost:5173",
                "null",
                "*",
                "file:///tmp/x.html",
                "ftp://example.com",
                "http://a@b.example",
                "http://example.com?x=1",
                "http://")) {
            assertThrows(IllegalArgumentException.class, () -> WebOrigin.parse(bad), bad);
        }
    }

    @Test
    void bothListsAreReadFromTheServerSection() throws IOException {
        ServerSettings s = load(
                        "server:\n  allowed_hosts: [kr.example.com, \"10.0.0.5:8080\"]\n"
                                + "  allowed_origins: [\"http://localhost:5173\", \"https://tools.example.com\"]\n",
                        Map.of())
                .server();
        assertEquals(List.of(HostPort.parse("kr.example.com"), HostPort.parse("10.0.0.5:8080")), s.allowedHosts());
        assertEquals(
                List.of(WebOrigin.parse("http://localhost:5173"), WebOrigin.parse("https://tools.example.com")),
                s.allowedOrigins());
    }

    @Test
    void withoutThemNoOtherHostOrOriginIsTrusted() throws IOException {
        ServerSettings s = load("server:\n  port: 9000\n", Map.of()).server();
        assertEquals(List.of(), s.allowedHosts());
        assertEquals(List.of(), s.allowedOrigins());
    }

    @Test
    void theEnvironmentReplacesTheFilesLists() throws IOException {
        ServerSettings s = load(
                        "server:\n  allowed_hosts: [kr.example.com]\n",
                        Map.of(
                                "KR_ALLOWED_HOSTS",
                                "router.lan, router.lan:8443",
                                "KR_ALLOWED_ORIGINS",
                                "http://localhost:3000"))
                .server();
        assertEquals(List.of(HostPort.parse("router.lan"), HostPort.parse("router.lan:8443")), s.allowedHosts());
        assertEquals(List.of(WebOrigin.parse("http://localhost:3000")), s.allowedOrigins());
    }

    @Test
    void aBadHostEntryNamesItsKeyAndTheFix() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> load("server:\n  allowed_hosts: [ok.example, \"https://kr.example.com\"]\n", Map.of()));
        assertTrue(
                e.getMessage().contains("server.allowed_hosts[1]")
                        && e.getMessage().contains("no scheme"),
                e.getMessage());
    }

    @Test
    void aBadOriginEntryNamesItsKeyAndTheFix() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> load("server:\n  allowed_origins: [\"*\"]\n", Map.of()));
        assertTrue(e.getMessage().contains("server.allowed_origins[0]"), e.getMessage());
        assertTrue(e.getMessage().contains("such as http://localhost:5173"), e.getMessage());
        ConfigException env =
                assertThrows(ConfigException.class, () -> load("", Map.of("KR_ALLOWED_ORIGINS", "localhost:3000")));
        assertTrue(env.getMessage().startsWith("KR_ALLOWED_ORIGINS: "), env.getMessage());
    }

    @Test
    void aSingleValueWhereAListBelongsShowsTheListForm() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> load("server:\n  allowed_hosts: kr.example.com\n", Map.of()));
        String expected = "server.allowed_hosts must be a list, e.g. allowed_hosts: [kr.example.com]";
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void theOlderConstructorsTrustNoOtherHostOrOrigin() {
        ServerSettings s = new ServerSettings("127.0.0.1", 0, 1, 1).withListener("0.0.0.0", 9000);
        assertEquals(List.of(), s.allowedHosts());
        ServerSettings allowed = s.withAllowed(List.of(HostPort.parse("kr.example.com")), List.of());
        ServerSettings changed = allowed.withApiToken(Optional.empty()).withListener("127.0.0.1", 1);
        assertEquals(allowed.allowedHosts(), changed.allowedHosts());
    }
}
