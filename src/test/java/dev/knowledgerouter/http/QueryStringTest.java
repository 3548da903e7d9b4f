package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.app.InvalidRequestException;
import dev.knowledgerouter.knowledge.InvalidTextException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw query string as Jetty hands it over: every name and value must be percent-encoded UTF-8. */
class QueryStringTest {
    @Test
    void percentEncodedUtf8PlusSignsAndRawUtf8Pass() {
        for (String ok : List.of(
                "q=%C3%A9t%C3%A9+2&k=5",
                "q=%F0%9F%98%80", "q=caf\u00e9", "q=\uD83D\uDE00", "flag", "q=&k=", "a=b=c", "")) {
            assertDoesNotThrow(() -> QueryString.check(ok), ok);
        }
        assertDoesNotThrow(() -> QueryString.check(null));
    }

    @Test
    void aValueThatIsNotUtf8IsRefusedNamingItsParameter() {
        // Bytes that are not UTF-8, an overlong slash, an encoded surrogate, a truncated sequence.
        for (String bad : List.of("%ff%fe", "%C0%AF", "%ED%A0%80", "%E2%82", "ok%80")) {
            InvalidTextException e =
                    assertThrows(InvalidTextException.class, () -> QueryString.check("k=5&q=" + bad), bad);
            assertEquals("q", e.field(), bad);
        }
    }

    @Test
    void rawBytesThatWereNotUtf8AreRefused() {
        // Jetty decodes raw bytes of the request line and puts U+FFFD where they were not UTF-8.
        InvalidTextException e = assertThrows(InvalidTextException.class, () -> QueryString.check("q=a\uFFFDb"));
        assertEquals("q", e.field());
    }

    @Test
    void aParameterNameThatIsNotUtf8IsRefusedAsSent() {
        InvalidTextException e = assertThrows(InvalidTextException.class, () -> QueryString.check("%ff=1"));
        assertEquals("%ff", e.field());
    }

    @Test
    void aPercentSignWithoutTwoHexDigitsIsRefusedWithTheFix() {
        for (String bad : List.of("q=100%", "q=%zz", "q=%4", "q=%\u0661\u0662")) {
            InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> QueryString.check(bad), bad);
            assertTrue(e.getMessage().contains("'q'") && e.getMessage().contains("%25"), e.getMessage());
        }
    }
}
