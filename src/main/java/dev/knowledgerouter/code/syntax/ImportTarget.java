package dev.knowledgerouter.code.syntax;

import java.util.List;
import java.util.Objects;

/** Where an import leads: files of the repository, or a module outside it. */
public sealed interface ImportTarget {

    /**
     * One or more files of the repository (a Go package or a Java wildcard import spans several).
     *
     * @param approximate whether the import may not use every file named: a wildcard whose used names could not be
     *     told, which then links every file it could reach; its edges are weighted and described as approximate
     */
    record InRepository(List<String> paths, boolean approximate) implements ImportTarget {
        public InRepository {
            paths = List.copyOf(paths);
            if (paths.isEmpty()) {
                throw new IllegalArgumentException("an in-repository import needs at least one path");
            }
        }

        public InRepository(List<String> paths) {
            this(paths, false);
        }
    }

    /**
     * A module the repository does not contain (standard library, dependency) or one that could not be
     * found; kept in the graph as a {@code module:<name>} node.
     *
     * @param module the module's name normalised for its language: a Java package or class, a Python
     *     top-level module path, an npm package name without subpath, a Go import path, a Rust crate path
     */
    record External(String module) implements ImportTarget {
        public External {
            Objects.requireNonNull(module, "module");
        }
    }

    /**
     * A reference that leads to no file of the repository and names no module worth a node: a Ruby constant of the
     * core library or of a gem, found only because autoloading makes every constant a possible import.
     */
    record Nothing() implements ImportTarget {}
}
