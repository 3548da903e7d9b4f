package dev.knowledgerouter.code.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The folders a server may analyse ({@code code.allowed_roots}), and the check a requested path passes
 * before anything under it is read.
 *
 * <p>The check discloses nothing beyond the roots: a path outside them, a link that leads out of them
 * (dangling or not) and a path outside them that does not exist all get one and the same refusal, which
 * names neither the path's target nor whether it exists. Only inside the roots does the answer say that
 * a path is not a directory. Links are followed by reading them, not by opening their targets, so a
 * dangling link is judged by where it points like any other.
 */
public final class AllowedRoots {
    /** The kernel's own limit on links followed in one lookup; past it, the path is refused like one leading out. */
    private static final int MAX_LINKS = 40;

    private final List<Path> roots;

    public AllowedRoots(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /**
     * The real path of a directory under an allowed root.
     *
     * @throws PathNotAllowedException when the path is relative, or it or its target lies outside
     *     every root
     * @throws NoSuchFileException when, inside a root, it is not an existing directory
     * @throws CredentialFolderException when it is, or lies inside, a credential folder
     */
    public Path check(Path path) throws IOException {
        if (!path.isAbsolute()) {
            throw new PathNotAllowedException("path must be absolute, got '" + path + "'");
        }
        Path normal = path.normalize();
        // Judged by name first, so a path named outside the roots touches nothing on disk.
        if (!underARoot(normal)) {
            throw new PathNotAllowedException(refusal());
        }
        Optional<Path> target = resolve(normal);
        if (target.isEmpty() || !underARoot(target.get())) {
            throw new PathNotAllowedException(refusal());
        }
        if (!Files.isDirectory(target.get())) {
            throw new NoSuchFileException(path + " is not an existing directory; pass the root folder of a repository");
        }
        Path real = target.get().toRealPath();
        RepositoryScanner.refuseCredentialRoot(path, real);
        return real;
    }

    /** One message for every path the roots do not cover, whatever lies there. */
    String refusal() {
        return "the path is not inside the folders this server may analyse (code.allowed_roots: " + roots
                + "); analyse a folder under one of them, or add the folder to code.allowed_roots in kr.yaml"
                + " and restart the server";
    }

    private boolean underARoot(Path path) {
        for (Path root : roots) {
            if (path.startsWith(root) || resolve(root).map(path::startsWith).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a path leads once every link along it is followed, whether or not the end exists. Empty when a
     * link cannot be read or links loop.
     */
    static Optional<Path> resolve(Path absolute) {
        Path current = absolute.getRoot();
        Deque<Path> rest = new ArrayDeque<>();
        absolute.forEach(rest::add);
        int links = 0;
        while (!rest.isEmpty()) {
            String name = rest.removeFirst().toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            Path next = current.resolve(name);
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                return Optional.empty();
            }
            Path target;
            try {
                target = Files.readSymbolicLink(next);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return Optional.empty();
            }
            List<Path> parts = new ArrayList<>();
            target.forEach(parts::add);
            for (int i = parts.size() - 1; i >= 0; i--) {
                rest.addFirst(parts.get(i));
            }
            if (target.isAbsolute()) {
                current = target.getRoot();
            }
        }
        return Optional.of(current);
    }
}
