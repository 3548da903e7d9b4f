package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.format.InfraFixture.lines;
import static dev.knowledgerouter.code.format.InfraFixture.node;
import static dev.knowledgerouter.code.format.InfraFixture.nodesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.knowledgerouter.code.graph.GraphNode;
import org.junit.jupiter.api.Test;

/** {@code .env.example} in {@code fixtures/infra}: its keys become config nodes, its values go nowhere. */
class EnvFileExtractorTest {
    @Test
    void eachKeyIsAConfigNodeOnce() {
        assertEquals(lines("""
                config:.env.example:API_TOKEN [env]
                config:.env.example:DATABASE_URL [env]
                config:.env.example:LOG_LEVEL [env]
                """), nodesOf(".env.example"));
        assertEquals("DATABASE_URL", node("config:.env.example:DATABASE_URL").signature());
    }

    @Test
    void noValueReachesAnyNode() {
        for (GraphNode node : InfraFixture.GRAPH.nodes()) {
            String text = node.name() + node.summary() + node.signature() + node.docComment();
            assertFalse(text.contains("changeme") || text.contains("postgres://"), node.id() + ": " + text);
        }
    }

    @Test
    void withoutValuesKeepsKeysAndCommentsAndDropsValues() {
        assertEquals(
                "# set these\nDATABASE_URL=\nexport API_TOKEN=\nnot an assignment\nLAST=",
                EnvFileExtractor.withoutValues(
                        "# set these\nDATABASE_URL=postgres://u:p@h/db\nexport API_TOKEN=abc\nnot an assignment\nLAST=x"));
    }
}
