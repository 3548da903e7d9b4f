package dev.knowledgerouter.code.syntax;

import org.treesitter.TSNode;

/**
 * Turns one parsed file of one language into a {@link FileExtraction}. Implementations are stateless
 * and thread-safe: the parser and tree belong to the caller, which closes them after this returns,
 * so nothing may keep a {@link TSNode}.
 */
public interface LanguageExtractor {
    /**
     * @param path path from the repository root, {@code /}-separated
     * @param root the tree's root node
     */
    FileExtraction extract(String path, SourceText source, TSNode root);
}
