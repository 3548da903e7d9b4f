package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.config.CodeSettings.RoutingContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeContextTest {
    private static final List<String> ANALYSED = List.of("knowledge-router", "shop", "web_ui");

    private static List<String> pick(RoutingContext mode, String query) {
        return new CodeContext(mode, () -> ANALYSED).repositoriesFor(query);
    }

    @Test
    void offNeverAddsCode() {
        assertEquals(List.of(), pick(RoutingContext.OFF, "in shop, where is the invoice total computed?"));
    }

    @Test
    void alwaysAddsEveryAnalysedRepository() {
        assertEquals(ANALYSED, pick(RoutingContext.ALWAYS, "what is a monad?"));
    }

    @Test
    void namedPicksRepositoriesTheQueryNamesAsWholeWords() {
        assertEquals(List.of("shop"), pick(RoutingContext.NAMED, "In Shop, where is the invoice total computed?"));
        assertEquals(
                List.of(),
                pick(RoutingContext.NAMED, "how do I run a workshop?"),
                "shop inside workshop is not a mention");
    }

    @Test
    void namedMatchesHyphensAndUnderscoresWrittenAsSpaces() {
        assertEquals(
                List.of("knowledge-router", "web_ui"),
                pick(RoutingContext.NAMED, "does the knowledge router or the web ui parse YAML?"));
        assertEquals(
                List.of("knowledge-router"),
                pick(RoutingContext.NAMED, "knowledge_router: where are imports resolved?"));
    }
}
