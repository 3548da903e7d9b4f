package dev.knowledgerouter.code.graph;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structural descriptions of one file's nodes, from that file alone: the file's, and each declaration's in the
 * order the file declares them.
 */
record FileDescriptions(String file, List<String> declarations) {
    /** Every file's descriptions, by its path. */
    static Map<String, FileDescriptions> byPath(RepositoryFiles repository) {
        Map<String, FileDescriptions> described = new HashMap<>();
        for (FileExtraction file : repository.byPath().values()) {
            described.put(file.path(), of(file));
        }
        return described;
    }

    static FileDescriptions of(FileExtraction file) {
        List<String> declarations = new ArrayList<>(file.declarations().size());
        for (Declaration d : file.declarations()) {
            declarations.add(StructuralSummary.ofDeclaration(d));
        }
        return new FileDescriptions(StructuralSummary.ofFile(file), declarations);
    }
}
