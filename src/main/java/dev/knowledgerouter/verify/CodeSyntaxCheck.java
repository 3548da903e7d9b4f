package dev.knowledgerouter.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Code blocks that do not parse: fenced blocks tagged with, or plainly written in, a language the
 * project can parse ({@link SnippetLanguage}), checked by {@link SnippetSyntax}. A block the answer
 * ends inside is the cut-off check's business, not this one's.
 */
public final class CodeSyntaxCheck implements AnswerCheck, AutoCloseable {
    public static final String NAME = "code_syntax";
    static final String BLOCKS = "code_blocks";
    static final String BROKEN = "code_blocks_broken";

    private final SnippetSyntax syntax = new SnippetSyntax();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> features() {
        return List.of(BLOCKS, BROKEN);
    }

    @Override
    public CheckResult check(AnswerUnderReview review) {
        int checked = 0;
        List<String> broken = new ArrayList<>();
        for (FencedBlocks.Block block : FencedBlocks.of(review.answer())) {
            if (!block.closed()) {
                continue;
            }
            Optional<SnippetLanguage> language =
                    block.tag().isEmpty() ? SnippetLanguage.sniff(block.code()) : SnippetLanguage.ofTag(block.tag());
            if (language.isEmpty()) {
                continue;
            }
            checked++;
            if (!syntax.parses(language.get(), block.code())) {
                broken.add("the " + language.get().label() + " block at line " + block.line());
            }
        }
        List<Feature> features = List.of(new Feature(BLOCKS, checked), new Feature(BROKEN, broken.size()));
        return CheckResult.of(
                NAME,
                !broken.isEmpty(),
                String.join(", ", broken) + (broken.size() == 1 ? " does" : " do") + " not parse",
                features);
    }

    @Override
    public void close() {
        syntax.close();
    }
}
