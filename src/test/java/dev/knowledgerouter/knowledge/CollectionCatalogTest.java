package dev.knowledgerouter.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knowledgerouter.testing.TestStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionCatalogTest {
    @TempDir
    Path dir;

    static final String HISTORY =
            "name: interaction-history\nkind: history\ntext_fields: [query]\nanswer_field: answer\n";

    StoreException refused(String yaml) throws IOException {
        Files.writeString(dir.resolve("interaction-history.yaml"), HISTORY);
        Files.writeString(dir.resolve("c.yaml"), yaml);
        return assertThrows(StoreException.class, () -> CollectionCatalog.load(dir));
    }

    @Test
    void theShippedDefinitionsLoad() {
        CollectionCatalog catalog =
                CollectionCatalog.load(TestStack.projectDir().resolve("collections"));
        assertEquals(
                Set.of("error-solutions", "skills-patterns", "best-practices"),
                Set.copyOf(catalog.ofKind(CollectionKind.KNOWLEDGE).stream()
                        .map(CollectionDefinition::name)
                        .toList()));
        assertEquals(
                List.of("tags"), catalog.find("error-solutions").orElseThrow().filterFields());
    }

    @Test
    void anUnknownKeyIsNamed() throws IOException {
        StoreException e = refused("name: c\ntext_fields: [a]\nanswer_field: a\nanswer_feild: b\n");
        assertTrue(e.getMessage().contains("unknown key 'answer_feild'"), e.getMessage());
    }

    @Test
    void aTextFieldThatIsNotANameIsRefused() throws IOException {
        StoreException e = refused("name: c\ntext_fields: [a, {b: c}]\nanswer_field: a\n");
        assertTrue(e.getMessage().contains("text_fields must list field names"), e.getMessage());
    }

    @Test
    void anAnswerFieldThatIsAListIsRefusedAsSuch() throws IOException {
        StoreException e = refused("name: c\ntext_fields: [a]\nanswer_field: [a, b]\n");
        assertTrue(e.getMessage().contains("'answer_field' must be a payload field name"), e.getMessage());
    }

    @Test
    void anUnknownKindIsNamed() throws IOException {
        StoreException e = refused("name: c\nkind: wiki\ntext_fields: [a]\nanswer_field: a\n");
        assertTrue(e.getMessage().contains("kind 'wiki'"), e.getMessage());
    }

    @Test
    void theHistoryMustBeOfKindHistory() throws IOException {
        Files.writeString(dir.resolve("interaction-history.yaml"), HISTORY.replace("kind: history", "kind: knowledge"));
        StoreException e = assertThrows(StoreException.class, () -> CollectionCatalog.load(dir));
        assertTrue(e.getMessage().contains("must have kind: history"), e.getMessage());
    }

    @Test
    void brokenYamlNamesTheFile() throws IOException {
        StoreException e = refused("name: [c\n");
        assertTrue(e.getMessage().contains("c.yaml") && e.getMessage().contains("not valid YAML"), e.getMessage());
    }
}
