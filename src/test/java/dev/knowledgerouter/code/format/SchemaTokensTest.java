package dev.knowledgerouter.code.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.format.SchemaTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer under the Terraform, Protobuf and GraphQL readers. */
class SchemaTokensTest {
    private static List<String> texts(SchemaTokens tokens, String text) {
        return tokens.tokenize(text).stream().map(Token::text).toList();
    }

    @Test
    void commentsAreDroppedAsEachLanguageWritesThem() {
        assertEquals(List.of("message", "A", "{", "}"), texts(SchemaTokens.PROTOBUF, "// c\nmessage A /* b */ { }"));
        assertEquals(List.of("type", "A", "{", "}"), texts(SchemaTokens.GRAPHQL, "# c\ntype A { }"));
    }

    @Test
    void hclKeepsDottedNamesNewlinesAndHeredocBodies() {
        List<Token> tokens = SchemaTokens.HCL.tokenize("a = var.x\nb = <<-EOT\n  ${y.z}\n  EOT\nc = 1\n");

        assertEquals(
                List.of("a", "=", "var.x", "\n", "b", "=", "  ${y.z}\n", "\n", "c", "=", "1", "\n"),
                tokens.stream().map(Token::text).toList());
        assertEquals(5, tokens.get(8).line());
    }

    @Test
    void stringsLoseTheirQuotesAndKeepTheirEscapes() {
        assertEquals(
                List.of("import", "a \\\"b\\\".proto", ";"),
                texts(SchemaTokens.PROTOBUF, "import \"a \\\"b\\\".proto\";"));
    }
}
