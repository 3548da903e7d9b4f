package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import java.util.ArrayList;
import java.util.List;

/**
 * The structural descriptions of one file's nodes, from that file alone: the file's, and each declaration's in the
 * order the file declares them.
 */
record FileDescriptions(String file, List<String> declarations) {
    static FileDescriptions of(FileExtraction file) {
        List<String> declarations = new ArrayList<>(file.declarations().size());
        for (Declaration d : file.declarations()) {
            declarations.add(StructuralSummary.ofDeclaration(d));
        }
        return new FileDescriptions(StructuralSummary.ofFile(file), declarations);
    }
}
