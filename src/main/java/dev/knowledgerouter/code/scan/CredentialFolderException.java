package dev.knowledgerouter.code.scan;

/**
 * A root that is, or lies inside, a credential folder ({@code ~/.ssh}, {@code ~/.config/gh}, a browser
 * profile, ...): refused before anything is read. The message names the folder rule, not the content.
 */
public final class CredentialFolderException extends IllegalArgumentException {
    public CredentialFolderException(String path, String folder) {
        super(path + " is inside " + folder + ", a folder where keys, tokens or passwords are kept, and analysis never"
                + " reads those; analyse the source folder of a project instead");
    }
}
