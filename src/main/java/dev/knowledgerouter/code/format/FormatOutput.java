package dev.knowledgerouter.code.format;

import dev.knowledgerouter.code.syntax.CodeText;
import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.ExtractionBuilder;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.SourceText;

/**
 * What a format reader found in one file: typed declarations (a stage, a service, a table) and the relations
 * between them and to files and external modules, collected in order and made into the file's extraction. A
 * signature longer than {@value #MAX_SIGNATURE} characters is cut: a format's "head" can be a whole statement.
 */
final class FormatOutput {
    static final int MAX_SIGNATURE = 240;

    private final ExtractionBuilder out = new ExtractionBuilder();
    private boolean errors;

    /** Declares {@code name} under {@code parent} (a qualified name, or empty); returns its qualified name. */
    String declare(DeclarationKind kind, String name, String parent, String signature, int startLine, int endLine) {
        String qualified = parent.isEmpty() ? name : parent + "." + name;
        String head = CodeText.collapse(signature);
        if (head.length() > MAX_SIGNATURE) {
            head = head.substring(0, MAX_SIGNATURE - 3) + "...";
        }
        out.declaration(new Declaration(
                kind, name, qualified, parent, head, "", true, startLine, Math.max(startLine, endLine)));
        return qualified;
    }

    void relation(RelationRef relation) {
        out.relation(relation);
    }

    /** Notes that part of the file could not be read; what was read is kept. */
    void error() {
        errors = true;
    }

    FileExtraction build(String path, Language language, SourceText source) {
        return out.build(path, language, "", source, errors);
    }
}
