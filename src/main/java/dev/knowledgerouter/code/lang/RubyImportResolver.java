package dev.knowledgerouter.code.lang;

import dev.knowledgerouter.code.syntax.Declaration;
import dev.knowledgerouter.code.syntax.FileExtraction;
import dev.knowledgerouter.code.syntax.ImportRef;
import dev.knowledgerouter.code.syntax.ImportResolver;
import dev.knowledgerouter.code.syntax.ImportTarget;
import dev.knowledgerouter.code.syntax.Language;
import dev.knowledgerouter.code.syntax.RepositoryFiles;
import dev.knowledgerouter.code.syntax.RepositoryPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves Ruby's three ways of reaching another file. {@code require_relative "x"} is {@code x.rb} beside the file.
 * {@code require "a/b"} searches the load path ({@code lib/}, then the root); what it does not find is a gem, named
 * by its first segment. A constant ({@code Admin::UsersController}) is found as Zeitwerk finds it: its path in snake
 * case ({@code admin/users_controller.rb}) under an autoload root (each directory directly under {@code app/}, and
 * {@code lib/}), else the file that declares that class or module; it is tried in the module nesting it was written
 * in, innermost first, and then without its last segments ({@code User::ROLES} is {@code User}'s). A constant found
 * nowhere is Ruby's or a gem's, and links nothing.
 */
public final class RubyImportResolver implements ImportResolver {
    private static final List<String> LOAD_PATH = List.of("lib", "");

    private final RepositoryFiles files;
    private final List<String> autoloadRoots = new ArrayList<>();
    private final Map<String, TreeSet<String>> filesByConstant = new TreeMap<>();

    public RubyImportResolver(RepositoryFiles files) {
        this.files = files;
        TreeSet<String> roots = new TreeSet<>();
        for (FileExtraction file : files.byPath().values()) {
            if (file.language() != Language.RUBY) {
                continue;
            }
            String[] segments = file.path().split("/");
            if (segments.length > 2 && segments[0].equals("app")) {
                roots.add("app/" + segments[1]);
            }
            for (Declaration declaration : file.declarations()) {
                if (declaration.kind().isType()) {
                    filesByConstant
                            .computeIfAbsent(declaration.qualifiedName().replace(".", "::"), c -> new TreeSet<>())
                            .add(file.path());
                }
            }
        }
        autoloadRoots.addAll(roots);
        autoloadRoots.add("lib");
    }

    @Override
    public ImportTarget resolve(FileExtraction from, ImportRef ref) {
        return switch (ref.kind()) {
            case FILE_INCLUDE ->
                inRepository(rubyFile(RepositoryPath.join(RepositoryPath.directory(from.path()), ref.spec())))
                        .orElseGet(() -> new ImportTarget.External(ref.spec()));
            case CONSTANT -> constant(from, ref);
            default -> {
                for (String dir : LOAD_PATH) {
                    Optional<ImportTarget> found = inRepository(rubyFile(RepositoryPath.join(dir, ref.spec())));
                    if (found.isPresent()) {
                        yield found.get();
                    }
                }
                int slash = ref.spec().indexOf('/');
                yield new ImportTarget.External(slash > 0 ? ref.spec().substring(0, slash) : ref.spec());
            }
        };
    }

    private ImportTarget constant(FileExtraction from, ImportRef ref) {
        List<String> scopes = new ArrayList<>(ref.names().reversed());
        scopes.add("");
        String constant = ref.spec();
        while (!constant.isEmpty()) {
            for (String scope : scopes) {
                String qualified = scope.isEmpty() ? constant : scope + "::" + constant;
                Optional<String> found = byPath(qualified).or(() -> declaredIn(qualified));
                if (found.isPresent()) {
                    return found.get().equals(from.path())
                            ? new ImportTarget.Nothing()
                            : new ImportTarget.InRepository(List.of(found.get()));
                }
            }
            int separator = constant.lastIndexOf("::");
            constant = separator < 0 ? "" : constant.substring(0, separator);
        }
        return new ImportTarget.Nothing();
    }

    private Optional<String> byPath(String constant) {
        List<String> parts = new ArrayList<>();
        for (String part : constant.split("::")) {
            parts.add(underscore(part));
        }
        String relative = String.join("/", parts) + ".rb";
        for (String root : autoloadRoots) {
            String path = RepositoryPath.join(root, relative);
            if (files.contains(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private Optional<String> declaredIn(String constant) {
        TreeSet<String> declaring = filesByConstant.get(constant);
        return declaring != null && declaring.size() == 1 ? Optional.of(declaring.first()) : Optional.empty();
    }

    /** {@code UsersController} as {@code users_controller}, {@code HTMLParser} as {@code html_parser}. */
    static String underscore(String constant) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < constant.length(); i++) {
            char c = constant.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char before = constant.charAt(i - 1);
                boolean nextLower = i + 1 < constant.length() && Character.isLowerCase(constant.charAt(i + 1));
                if (Character.isLowerCase(before)
                        || Character.isDigit(before)
                        || (Character.isUpperCase(before) && nextLower)) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static String rubyFile(String path) {
        return path.endsWith(".rb") ? path : path + ".rb";
    }

    private Optional<ImportTarget> inRepository(String path) {
        return RepositoryPath.normalize(path)
                .filter(files::contains)
                .map(found -> new ImportTarget.InRepository(List.of(found)));
    }
}
