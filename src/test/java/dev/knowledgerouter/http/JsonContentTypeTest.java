package dev.knowledgerouter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Content-Type values announce a body the API reads. */
class JsonContentTypeTest {
    @Test
    void applicationJsonInAnyCaseWithOrWithoutUtf8IsJson() {
        for (String type : List.of(
                "application/json",
                "Application/JSON",
                "application/json; charset=utf-8",
                "application/json;charset=UTF-8",
                "application/json; charset=\"utf-8\"",
                " application/json ; boundary=x")) {
            assertEquals(Optional.empty(), JsonContentType.problem(type), type);
        }
    }

    @Test
    void theTypesAPageMaySendWithoutAskingAreNotJson() {
        for (String type : List.of(
                "text/plain",
                "text/plain;charset=UTF-8",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            assertTrue(JsonContentType.problem(type).orElseThrow().contains("got '" + type + "'"), type);
        }
    }

    @Test
    void relatedJsonTypesAreNotTakenForJson() {
        assertTrue(JsonContentType.problem("application/json-patch+json").isPresent());
        assertTrue(JsonContentType.problem("application/jsonx").isPresent());
        assertTrue(JsonContentType.problem("text/json").isPresent());
    }

    @Test
    void aMissingTypeIsNamedAsMissing() {
        assertEquals(Optional.of("no Content-Type was sent"), JsonContentType.problem(null));
        assertEquals(Optional.of("no Content-Type was sent"), JsonContentType.problem(" "));
    }

    @Test
    void aCharsetOtherThanUtf8IsRefusedBecauseJsonIsUtf8() {
        assertEquals(
                Optional.of("JSON is UTF-8, got charset 'iso-8859-1'"),
                JsonContentType.problem("application/json; charset=iso-8859-1"));
        assertTrue(JsonContentType.problem("application/json; charset=utf-16").isPresent());
        assertTrue(JsonContentType.problem("application/json; charset=").isPresent());
    }
}
