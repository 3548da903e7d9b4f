package dev.knowledgerouter.code;

import dev.knowledgerouter.code.impact.ChangedFile;
import dev.knowledgerouter.code.impact.Impact;
import dev.knowledgerouter.code.impact.ImpactedNode;
import java.util.List;

/**
 * What {@code kr impact}, {@code GET /v1/repos/{name}/impact} and the MCP {@code impact} tool answer: the
 * working tree's diff against {@code base}, mapped onto the repository's graph (see {@link Impact}).
 */
public record ImpactReport(
        String repository,
        String base,
        List<ChangedFile> files,
        List<ImpactedNode> changed,
        List<ImpactedNode> affected,
        List<ImpactedNode> tests) {
    public ImpactReport {
        files = List.copyOf(files);
        changed = List.copyOf(changed);
        affected = List.copyOf(affected);
        tests = List.copyOf(tests);
    }

    static ImpactReport of(String repository, String base, Impact impact) {
        return new ImpactReport(repository, base, impact.files(), impact.changed(), impact.affected(), impact.tests());
    }
}
