package dev.knowledgerouter.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.knowledgerouter.code.lang.CodeLanguages;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.SourceParser;
import dev.knowledgerouter.code.syntax.SourceText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link SourceParser#prepare}: a head start for a language's first file that changes nothing about its result. */
class PreparedLanguagesTest {
    private static final String SOURCE = "import a.b;\nclass C { void f() { g(); } }\ndef h(): pass\n# Title\nkey: 1\n";

    @Test
    void everyLanguageExtractsTheSameWhetherPreparedOrNot() {
        for (Language language : CodeLanguages.extractors().keySet()) {
            try (SourceParser prepared = new SourceParser(CodeLanguages.extractors());
                    SourceParser cold = new SourceParser(CodeLanguages.extractors())) {
                prepared.prepare(language);

                assertEquals(extract(cold, language), extract(prepared, language), language.name());
            }
        }
    }

    private static FileExtraction extract(SourceParser parser, Language language) {
        return parser.parse("file", language, new SourceText(SOURCE.getBytes(StandardCharsets.UTF_8)));
    }
}
