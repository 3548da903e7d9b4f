package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.config.HostPort;
import dev.knowledgerouter.config.ServerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Host headers name the server, on loopback and on an exposed bind. */
class HostPolicyTest {
    static final int PORT = 8080;

    static HostPolicy policy(String bind, int port, String... allowedHosts) {
        ServerSettings s = new ServerSettings(bind, port, 1024, 1024);
        return HostPolicy.of(s.withAllowed(
                List.of(allowedHosts).stream().map(HostPort::parse).toList(), List.of()));
    }

    @Test
    void onLoopbackTheListenersNamesWithItsPortAreAccepted() {
        HostPolicy p = policy("127.0.0.1", PORT);
        for (String host : List.of("127.0.0.1:8080", "localhost:8080", "[::1]:8080", "LOCALHOST:8080")) {
            assertTrue(p.allows(host, "http", PORT), host);
        }
    }

    @Test
    void onLoopbackAnyOtherNameIsRefusedWhateverItsPort() {
        HostPolicy p = policy("127.0.0.1", PORT);
        for (String host : List.of(
                "evil.example:8080",
                "evil.example",
                "127.0.0.1.nip.io:8080",
                "localhost.:8080",
                "192.168.1.5:8080",
                "")) {
            assertFalse(p.allows(host, "http", PORT), host);
        }
    }

    @Test
    void onLoopbackTheListenersNameWithAnotherPortIsAnotherServer() {
        assertFalse(policy("127.0.0.1", PORT).allows("localhost:3000", "http", PORT));
    }

    @Test
    void withoutAPortTheNameIsAcceptedOnlyWhenTheListenerIsOnTheSchemesDefault() {
        assertFalse(policy("127.0.0.1", PORT).allows("localhost", "http", PORT), "a browser omits :80 only");
        assertTrue(policy("127.0.0.1", 80).allows("localhost", "http", 80));
        assertTrue(policy("127.0.0.1", 443).allows("localhost", "https", 443));
    }

    @Test
    void theBindAddressItselfNamesTheListener() {
        assertTrue(policy("127.0.0.2", PORT).allows("127.0.0.2:8080", "http", PORT));
        assertTrue(policy("::1", PORT).allows("[::1]:8080", "http", PORT));
    }

    @Test
    void anAllowedHostWithoutAPortIsAcceptedOnAnyPortAndOneWithAPortOnThatPortOnly() {
        HostPolicy p = policy("127.0.0.1", PORT, "kr.example.com", "router.lan:8443");
        assertTrue(p.allows("kr.example.com", "http", PORT));
        assertTrue(p.allows("kr.example.com:9999", "http", PORT));
        assertTrue(p.allows("router.lan:8443", "http", PORT));
        assertFalse(p.allows("router.lan:8080", "http", PORT));
        assertFalse(p.allows("sub.kr.example.com", "http", PORT), "an entry is one name, not its subdomains");
    }

    @Test
    void onAnExposedBindWithoutAllowedHostsTheTokenGuardsAndAnyHostIsAccepted() {
        assertTrue(policy("0.0.0.0", PORT).allows("kr.example.com", "http", PORT));
        assertTrue(policy("0.0.0.0", PORT).allows("192.168.1.5:8080", "http", PORT));
    }

    @Test
    void onAnExposedBindWithAllowedHostsOnlyThoseAndTheLoopbackNamesAreAccepted() {
        HostPolicy p = policy("0.0.0.0", PORT, "kr.example.com");
        assertTrue(p.allows("kr.example.com", "http", PORT));
        assertTrue(p.allows("127.0.0.1:8080", "http", PORT), "kr commands on the machine reach it on loopback");
        assertFalse(p.allows("evil.example:8080", "http", PORT));
        assertFalse(p.allows("0.0.0.0:8080", "http", PORT), "a wildcard is no name");
    }

    @Test
    void aRequestWithoutHostIsNoBrowsersAndPasses() {
        assertTrue(policy("127.0.0.1", PORT).allows(null, "http", PORT));
    }

    @Test
    void aMalformedHostIsRefused() {
        HostPolicy p = policy("127.0.0.1", PORT, "kr.example.com");
        for (String host :
                List.of("localhost:8080/x", "user@localhost:8080", "localhost:80800", "[::1", "kr.example.com:x")) {
            assertFalse(p.allows(host, "http", PORT), host);
        }
    }
}
