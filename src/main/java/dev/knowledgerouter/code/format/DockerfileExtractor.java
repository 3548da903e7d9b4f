package dev.knowledgerouter.code.format;

import static dev.knowledgerouter.code.syntax.SyntaxNodes.line;

import dev.knowledgerouter.code.syntax.DeclarationKind;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.LanguageExtractor;
import dev.knowledgerouter.code.syntax.RelationRef;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import dev.knowledgerouter.code.syntax.SourceText;
import dev.knowledgerouter.code.syntax.SyntaxNodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;

/**
 * Reads a Dockerfile (tree-sitter-dockerfile): each {@code FROM} starts a build stage, a {@code pipeline} node named
 * by its alias or its position ({@code stage-1}) that depends on its base image (an external module tagged
 * {@code image}) or on an earlier stage. {@code COPY} and {@code ADD} sources are paths of the build context (taken
 * to be the Dockerfile's directory) the stage depends on; {@code COPY --from=stage} depends on that stage. URLs,
 * variables and globs are not followed.
 */
public final class DockerfileExtractor implements LanguageExtractor {
    @Override
    public FileExtraction extract(String path, SourceText source, TSNode root) {
        FormatOutput out = new FormatOutput();
        String context = RepositoryPath.directory(path);
        Set<String> stages = new HashSet<>();
        String stage = "";
        int index = 0;
        List<TSNode> instructions = new ArrayList<>();
        for (int i = 0; i < root.getNamedChildCount(); i++) {
            instructions.add(root.getNamedChild(i));
        }
        for (int i = 0; i < instructions.size(); i++) {
            TSNode instruction = instructions.get(i);
            switch (SyntaxNodes.type(instruction)) {
                case "from_instruction" -> {
                    TSNode image = child(instruction, "image_spec");
                    TSNode alias = child(instruction, "image_alias");
                    String name = SyntaxNodes.present(alias) ? source.of(alias) : "stage-" + index;
                    index++;
                    int end = i + 1 < instructions.size()
                                    && !instructions.get(i + 1).getType().equals("from_instruction")
                            ? lastLineOfStage(instructions, i)
                            : line(instruction);
                    stage = out.declare(
                            DeclarationKind.STAGE, name, "", source.of(instruction), line(instruction), end);
                    String base = SyntaxNodes.present(image) ? source.of(image).strip() : "";
                    if (stages.contains(base)) {
                        out.relation(RelationRef.toDeclaration(stage, base, "depends_on", line(instruction)));
                    } else if (!base.isEmpty() && !base.contains("$")) {
                        out.relation(RelationRef.toExternal(stage, base, "image", "depends_on", line(instruction)));
                    }
                    stages.add(name);
                }
                case "copy_instruction", "add_instruction" -> copy(instruction, source, out, stage, context);
                default -> {
                    // RUN, ENV, EXPOSE, CMD and the rest are part of the stage's text, not links.
                }
            }
        }
        if (root.hasError()) {
            out.error();
        }
        return out.build(path, Language.DOCKERFILE, source);
    }

    private static int lastLineOfStage(List<TSNode> instructions, int from) {
        int end = SyntaxNodes.endLine(instructions.get(from));
        for (int j = from + 1; j < instructions.size(); j++) {
            if (instructions.get(j).getType().equals("from_instruction")) {
                break;
            }
            end = SyntaxNodes.endLine(instructions.get(j));
        }
        return end;
    }

    private static void copy(TSNode instruction, SourceText source, FormatOutput out, String stage, String context) {
        List<String> paths = new ArrayList<>();
        String from = "";
        for (TSNode child : SyntaxNodes.namedChildren(instruction)) {
            if (SyntaxNodes.type(child).equals("param")) {
                String param = source.of(child);
                if (param.startsWith("--from=")) {
                    from = param.substring("--from=".length());
                }
            } else if (SyntaxNodes.type(child).equals("path")) {
                paths.add(source.of(child).strip());
            }
        }
        if (paths.size() < 2 || stage.isEmpty()) {
            return;
        }
        int line = line(instruction);
        if (!from.isEmpty()) {
            out.relation(RelationRef.toDeclaration(stage, from, "depends_on", line));
            return;
        }
        for (String written : paths.subList(0, paths.size() - 1)) {
            if (written.contains("$") || written.contains("*") || written.contains("?") || written.contains("://")) {
                continue;
            }
            RepositoryPath.normalize(RepositoryPath.join(context, written))
                    .ifPresent(target -> out.relation(RelationRef.toPath(stage, target, "depends_on", line)));
        }
    }

    private static TSNode child(TSNode node, String type) {
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            if (node.getNamedChild(i).getType().equals(type)) {
                return node.getNamedChild(i);
            }
        }
        return null;
    }
}
