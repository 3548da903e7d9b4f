package dev.knowledgerouter.code.lang;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves JavaScript and TypeScript module specifiers the way bundlers and {@code tsc} do for a single
 * project: relative paths with the extensions and {@code index} files a module resolver tries, the
 * {@code .js}-names-a-{@code .ts}-file convention of TypeScript ESM, and the {@code paths}/{@code baseUrl}
 * aliases of the root {@code tsconfig.json} or {@code jsconfig.json}. Only files of the repository count;
 * {@code node_modules} is never looked into, so a bare specifier that no alias claims is an npm package.
 */
public final class EcmaScriptImportResolver implements ImportResolver {
    private static final List<String> EXTENSIONS =
            List.of(".ts", ".tsx", ".d.ts", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts");
    /** TypeScript ESM imports name the emitted file; the source has the TypeScript extension. */
    private static final Map<String, List<String>> TS_COUNTERPARTS = Map.of(
            ".js", List.of(".ts", ".tsx", ".d.ts"),
            ".jsx", List.of(".tsx"),
            ".mjs", List.of(".mts", ".d.mts"),
            ".cjs", List.of(".cts", ".d.cts"));

    private static final JsonMapper LENIENT_JSON = JsonMapper.builder()
            .enable(
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .build();

    private final RepositoryFiles files;
    /** The directory bare specifiers resolve against, when the config sets {@code baseUrl}; else empty. */
    private final Optional<String> baseUrl;
    /** The directory {@code paths} targets are relative to: {@code baseUrl}, or the root without one. */
    private final String pathsBase;

    private final List<PathAlias> aliases;

    public EcmaScriptImportResolver(RepositoryFiles files) {
        this.files = files;
        JsonNode options = compilerOptions(files);
        JsonNode base = options.path("baseUrl");
        this.baseUrl = base.isTextual() ? Optional.ofNullable(normalize(base.asText())) : Optional.empty();
        this.pathsBase = baseUrl.orElse("");
        this.aliases = aliases(options.path("paths"));
    }

    /** One {@code compilerOptions.paths} entry: a pattern with at most one {@code *} and its targets in order. */
    private record PathAlias(String prefix, String suffix, boolean star, List<String> targets) {
        Optional<String> match(String spec) {
            if (!star) {
                return spec.equals(prefix) ? Optional.of("") : Optional.empty();
            }
            if (spec.length() >= prefix.length() + suffix.length()
                    && spec.startsWith(prefix)
                    && spec.endsWith(suffix)) {
                return Optional.of(spec.substring(prefix.length(), spec.length() - suffix.length()));
            }
            return Optional.empty();
        }
    }

    private static JsonNode compilerOptions(RepositoryFiles files) {
        for (String name : List.of("tsconfig.json", "jsconfig.json")) {
            Optional<String> text = files.read(name);
            if (text.isPresent()) {
                try {
                    return LENIENT_JSON.readTree(text.get()).path("compilerOptions");
                } catch (Exception e) {
                    // A config tsc itself would reject gives no aliases; resolution falls back to relative paths.
                    return LENIENT_JSON.missingNode();
                }
            }
        }
        return LENIENT_JSON.missingNode();
    }

    /** The patterns sorted longest prefix first, which is the one {@code tsc} picks when several match. */
    private static List<PathAlias> aliases(JsonNode paths) {
        List<PathAlias> aliases = new ArrayList<>();
        if (!paths.isObject()) {
            return aliases;
        }
        for (Map.Entry<String, JsonNode> entry : paths.properties()) {
            String pattern = entry.getKey();
            int star = pattern.indexOf('*');
            if (star != pattern.lastIndexOf('*')) {
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (JsonNode target : entry.getValue()) {
                if (target.isTextual()) {
                    targets.add(target.asText());
                }
            }
            aliases.add(
                    star < 0
                            ? new PathAlias(pattern, "", false, targets)
                            : new PathAlias(pattern.substring(0, star), pattern.substring(star + 1), true, targets));
        }
        aliases.sort((a, b) -> Integer.compare(b.prefix().length(), a.prefix().length()));
        return aliases;
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        String spec = ref.spec();
        if (spec.startsWith("./") || spec.startsWith("../") || spec.equals(".") || spec.equals("..")) {
            return resolvePath(join(RepositoryPath.directory(from.path()), spec))
                    .<ImportTarget>map(path -> new ImportTarget.InRepository(List.of(path)))
                    .orElseGet(() -> new ImportTarget.External(spec));
        }
        for (PathAlias alias : aliases) {
            Optional<String> captured = alias.match(spec);
            if (captured.isPresent()) {
                for (String target : alias.targets()) {
                    Optional<String> path = resolvePath(join(pathsBase, target.replace("*", captured.get())));
                    if (path.isPresent()) {
                        return new ImportTarget.InRepository(List.of(path.get()));
                    }
                }
                break;
            }
        }
        if (baseUrl.isPresent() && !spec.startsWith("/")) {
            Optional<String> path = resolvePath(join(baseUrl.get(), spec));
            if (path.isPresent()) {
                return new ImportTarget.InRepository(List.of(path.get()));
            }
        }
        return new ImportTarget.External(packageName(spec));
    }

    /** The file a module path names: itself, its TypeScript source, with an extension added, or its index file. */
    private Optional<String> resolvePath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        if (!path.isEmpty()) {
            candidates.add(path);
            TS_COUNTERPARTS.forEach((js, ts) -> {
                if (path.endsWith(js)) {
                    String stem = path.substring(0, path.length() - js.length());
                    ts.forEach(extension -> candidates.add(stem + extension));
                }
            });
            EXTENSIONS.forEach(extension -> candidates.add(path + extension));
        }
        String index = path.isEmpty() ? "index" : path + "/index";
        EXTENSIONS.forEach(extension -> candidates.add(index + extension));
        return candidates.stream().filter(files::contains).findFirst();
    }

    /**
     * The npm package an unresolved bare specifier belongs to: its first segment, or two for a scoped
     * package; {@code node:} builtins lose the prefix so {@code node:fs} and {@code fs} are one module.
     */
    static String packageName(String spec) {
        String name = spec.startsWith("node:") ? spec.substring("node:".length()) : spec;
        String[] segments = name.split("/", -1);
        if (name.startsWith("@") && segments.length >= 2) {
            return segments[0] + "/" + segments[1];
        }
        return segments[0].isEmpty() ? spec : segments[0];
    }

    private static String join(String directory, String relative) {
        return normalize(RepositoryPath.join(directory, relative));
    }

    private static String normalize(String path) {
        return RepositoryPath.normalize(path).orElse(null);
    }
}
