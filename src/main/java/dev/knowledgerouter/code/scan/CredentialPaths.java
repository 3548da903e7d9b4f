package dev.knowledgerouter.code.scan;

import dev.knowledgerouter.code.syntax.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where credentials live, by path alone: the folders of SSH, GnuPG, the cloud CLIs, container registries,
 * password stores and browser profiles, and files such as {@code .netrc} or a KeePass database. Analysis
 * never enters those folders, never reads those files, and refuses a root that is, or lies inside, such a
 * folder: their content is keys, tokens and cookies, never code worth indexing or sending to a model.
 *
 * <p>Folders match as a run of path components at any depth and in any letter case ({@code .config/gh}
 * matches {@code /home/me/.config/gh} and a {@code .config/gh} inside a repository), so the check is the
 * same whether the folder lies under the root, is the root, or holds it.
 */
final class CredentialPaths {
    private static final List<List<String>> FOLDERS = folders(
            // keys and cloud, cluster and registry logins
            ".ssh",
            ".gnupg",
            ".pki",
            ".aws",
            ".azure",
            ".kube",
            ".docker",
            ".gcloud",
            ".terraform.d",
            ".oci",
            ".config/gh",
            ".config/hub",
            ".config/gcloud",
            ".config/doctl",
            ".config/rclone",
            ".config/op",
            ".config/containers",
            ".config/glab-cli",
            // password stores and keyrings
            ".password-store",
            ".local/share/keyrings",
            ".local/share/kwalletd",
            ".config/keepassxc",
            "Library/Keychains",
            "Library/Application Support/1Password",
            // browser profiles (cookies, saved passwords, session tokens)
            ".mozilla",
            ".thunderbird",
            ".config/google-chrome",
            ".config/chromium",
            ".config/BraveSoftware",
            ".config/microsoft-edge",
            ".config/vivaldi",
            ".config/opera",
            "Library/Cookies",
            "Library/Safari",
            "Library/Application Support/Google/Chrome",
            "Library/Application Support/Chromium",
            "Library/Application Support/Firefox",
            "Library/Application Support/BraveSoftware",
            "Library/Application Support/Microsoft Edge",
            "AppData/Roaming/Mozilla",
            "AppData/Local/Google/Chrome",
            "AppData/Local/Microsoft/Edge",
            "AppData/Local/BraveSoftware");

    private static final int LONGEST_FOLDER =
            FOLDERS.stream().mapToInt(List::size).max().orElse(1);

    private static final Set<String> FILE_NAMES = Set.of(
            ".netrc",
            "_netrc",
            ".pgpass",
            ".git-credentials",
            ".npmrc",
            ".pypirc",
            ".vault-token",
            ".my.cnf",
            ".htpasswd",
            ".boto",
            ".s3cfg",
            ".dockercfg",
            ".env",
            "credentials",
            "id_rsa",
            "id_dsa",
            "id_ecdsa",
            "id_ed25519",
            "id_ecdsa_sk",
            "id_ed25519_sk");

    /** Key stores, password databases and key files; reading them is never the way to understand code. */
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "kdbx", "kdb", "keychain", "keychain-db", "ppk", "pem", "key", "p12", "pfx", "jks", "keystore", "gpg");

    /** Environment files per stage ({@code .env.production}); the documented templates are left to the other rules. */
    private static final Pattern ENV_FILE = Pattern.compile("\\.env\\.(?!example$|sample$|template$|dist$)[\\w.-]+");

    /** Config and text files whose names say what they hold. */
    private static final Pattern SECRET_TEXT_NAME =
            Pattern.compile(".*(secret|credential|password|passwd|apikey|api_key|private).*");

    private CredentialPaths() {}

    /**
     * The credential folder a directory is, judged by its last components.
     *
     * @param components the directory's path from the file system root, one name each
     * @return the folder as written in the list above, e.g. {@code .config/gh}
     */
    static Optional<String> folderAt(List<String> components) {
        int end = components.size();
        for (List<String> folder : FOLDERS) {
            if (endsWith(components, end, folder)) {
                return Optional.of(String.join("/", folder));
            }
        }
        return Optional.empty();
    }

    /** The credential folder that a path is or lies inside, if any. */
    static Optional<String> enclosing(Path path) {
        List<String> components = components(path);
        for (int end = 1; end <= components.size(); end++) {
            Optional<String> found = folderAt(components.subList(0, end));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The last components of {@code base} followed by {@code relative}: enough to match any folder of the list. */
    static List<String> tail(List<String> base, String relative) {
        List<String> all = new ArrayList<>(base);
        if (!relative.isEmpty()) {
            all.addAll(List.of(relative.split("/")));
        }
        return all.size() <= LONGEST_FOLDER ? all : all.subList(all.size() - LONGEST_FOLDER, all.size());
    }

    static List<String> components(Path path) {
        List<String> names = new ArrayList<>();
        for (Path name : path) {
            names.add(name.toString());
        }
        return names;
    }

    /**
     * Whether a file's name says it holds credentials.
     *
     * @param language what the file would be analysed as; a text or config file with a secret-sounding
     *     name is one, a {@code password_validator.py} is code
     */
    static boolean isCredentialFile(String name, Optional<Language> language) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (FILE_NAMES.contains(lower) || ENV_FILE.matcher(lower).matches()) {
            return true;
        }
        int dot = lower.lastIndexOf('.');
        if (dot > 0 && FILE_EXTENSIONS.contains(lower.substring(dot + 1))) {
            return true;
        }
        return language.filter(l -> !l.isCode()).isPresent()
                && SECRET_TEXT_NAME.matcher(lower).matches();
    }

    private static boolean endsWith(List<String> components, int end, List<String> folder) {
        int start = end - folder.size();
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < folder.size(); i++) {
            if (!components.get(start + i).equalsIgnoreCase(folder.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<List<String>> folders(String... paths) {
        List<List<String>> out = new ArrayList<>();
        for (String path : paths) {
            out.add(List.of(path.split("/")));
        }
        return List.copyOf(out);
    }
}
