package dev.seq2seq4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of the files and folders a command will write, made before any long work starts, so
 * that a bad path costs a second, not a training run: a name is given, a file target is not a
 * folder and ends as its format does, and the folder it goes into exists and accepts new files.
 */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * Checks a file target.
   *
   * @param flag the option, for messages (e.g. {@code --plot})
   * @param file the target, or null if the option was not given
   * @param extension the ending the file must have (e.g. {@code .png})
   * @throws UserInputException naming the flag and the problem
   */
  static void file(String flag, Path file, String extension) {
    if (file == null) {
      return;
    }
    requireName(flag, file);
    if (!file.getFileName().toString().endsWith(extension)) {
      throw new UserInputException(flag + " takes a file named *" + extension + ", got " + file);
    }
    if (Files.isDirectory(file)) {
      throw new UserInputException("cannot write " + file + " (" + flag + "): it is a folder");
    }
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UserInputException("cannot write " + file + " (" + flag
          + "): its folder does not exist");
    }
    requireWritable(flag, file, parent);
  }

  /**
   * Checks a folder target, which need not exist yet (missing parents are created).
   *
   * @param flag the option, for messages (e.g. {@code --save})
   * @param dir the target, or null if the option was not given
   * @throws UserInputException naming the flag and the problem
   */
  static void folder(String flag, Path dir) {
    if (dir == null) {
      return;
    }
    requireName(flag, dir);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserInputException("cannot write " + dir + " (" + flag + "): it is a file");
    }
    Path existing = dir.toAbsolutePath().normalize().getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing)) {
      throw new UserInputException("cannot write " + dir + " (" + flag + "): "
          + existing + " is not a folder");
    }
    requireWritable(flag, dir, existing);
  }

  private static void requireName(String flag, Path path) {
    if (path.toString().isBlank() || path.getFileName() == null) {
      throw new UserInputException(flag + " needs a file or folder name, got '" + path + "'");
    }
  }

  /**
   * Creates and deletes a probe file: the one test that holds alike for permissions (also as
   * root), read-only mounts and pseudo file systems such as /proc.
   */
  private static void requireWritable(String flag, Path target, Path folder) {
    try {
      Files.delete(Files.createTempFile(folder, ".seq2seq4j-probe-", ""));
    } catch (IOException | SecurityException e) {
      throw new UserInputException("cannot write " + target + " (" + flag + "): " + folder
          + " does not accept new files");
    }
  }
}
