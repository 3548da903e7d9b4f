package dev.knowledgerouter.code.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a path check may say: inside the roots, that a path is no directory; outside, one refusal for
 * every case, naming the setting and never where a link leads or whether anything is there.
 */
class AllowedRootsTest {
    @TempDir
    Path temp;

    Path root;
    Path outside;
    AllowedRoots roots;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(temp.resolve("projects"));
        outside = Files.createDirectories(temp.resolve("private"));
        Files.createDirectories(outside.resolve("taxes"));
        roots = new AllowedRoots(List.of(root));
    }

    private Path link(String name, Path target) throws IOException {
        try {
            return Files.createSymbolicLink(root.resolve(name), target);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
            throw e;
        }
    }

    private String refusal(Path path) {
        return assertThrows(PathNotAllowedException.class, () -> roots.check(path))
                .getMessage();
    }

    @Test
    void outsideALinkLeadingOutADanglingLinkOutAndAMissingPathOutsideReadTheSame() throws IOException {
        List<String> messages = List.of(
                refusal(outside.resolve("taxes")),
                refusal(link("taxes", outside.resolve("taxes"))),
                refusal(outside.resolve("missing")),
                refusal(link("nowhere", outside.resolve("missing"))),
                refusal(link("relative", Path.of("../private/taxes"))));

        assertEquals(1, messages.stream().distinct().count(), messages.toString());
        assertTrue(messages.getFirst().contains("code.allowed_roots"), messages.getFirst());
        assertFalse(messages.getFirst().contains(outside.toString()), messages.getFirst());
    }

    @Test
    void insideTheRootsAMissingPathIsSaidToBeNoDirectory() {
        NoSuchFileException missing = assertThrows(NoSuchFileException.class, () -> roots.check(root.resolve("nope")));
        assertTrue(missing.getMessage().contains("is not an existing directory"), missing.getMessage());
    }

    @Test
    void aLinkThatStaysInsideTheRootsIsFollowedToItsRealPath() throws IOException {
        Path real = Files.createDirectories(root.resolve("real/app"));
        Path alias = link("alias", real);

        assertEquals(real.toRealPath(), roots.check(alias));
    }

    @Test
    void linksThatLoopAreRefusedLikeLinksLeadingOut() throws IOException {
        link("a", root.resolve("b"));
        link("b", root.resolve("a"));

        assertEquals(refusal(outside.resolve("taxes")), refusal(root.resolve("a")));
    }

    @Test
    void aCredentialFolderInsideTheRootsIsRefusedByName() throws IOException {
        Path aws = Files.createDirectories(root.resolve("home/.aws"));

        CredentialFolderException refused = assertThrows(CredentialFolderException.class, () -> roots.check(aws));

        assertTrue(refused.getMessage().contains(".aws"), refused.getMessage());
    }

    @Test
    void aCredentialFolderOutsideTheRootsGetsTheOrdinaryRefusal() throws IOException {
        Path ssh = Files.createDirectories(outside.resolve(".ssh"));

        assertEquals(refusal(outside.resolve("taxes")), refusal(ssh));
    }
}
