package dev.knowledgerouter.code.syntax;

import org.treesitter.TSNode;

/**
 * An extractor for a format without a tree-sitter grammar (YAML, TOML, Terraform, Protobuf, ...): it reads the
 * text itself, with a parser library or a small parser of its own, and is handed no syntax tree.
 */
public interface TextFormatExtractor extends LanguageExtractor {
    FileExtraction extract(String path, SourceText source);

    @Override
    default FileExtraction extract(String path, SourceText source, TSNode root) {
        return extract(path, source);
    }
}
