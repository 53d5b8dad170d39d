package dev.seq2seq4j.train.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replaces a folder so that a complete version of it always exists, even if the process is
 * killed at any point: the new contents are written and fsynced in a temporary sibling, which is
 * then swapped in by renames.
 *
 * <p>For a target {@code DIR}, the siblings are {@code .DIR.tmp-*} (being written, possibly
 * incomplete), {@code .DIR.new} (complete, about to replace {@code DIR}) and {@code .DIR.old}
 * (the previous version, moved aside). The steps:
 *
 * <ol>
 *   <li>write everything into {@code .DIR.tmp-N} and fsync files and folder;
 *   <li>rename {@code .DIR.tmp-N} to {@code .DIR.new};
 *   <li>rename {@code DIR} to {@code .DIR.old} (if it exists);
 *   <li>rename {@code .DIR.new} to {@code DIR};
 *   <li>delete {@code .DIR.old}.
 * </ol>
 *
 * <p>Only a complete folder ever carries the names {@code .DIR.new}, {@code .DIR.old} or {@code
 * DIR}, so after a kill between any two steps {@link #recover} finds the newest complete version
 * (a {@code .new} beats {@code DIR}, which beats {@code .old}), puts it at {@code DIR} and deletes
 * the leftovers, including temporary folders. Every reader and writer recovers first. Two
 * processes writing the same folder at once are not supported.
 */
final class AtomicDirectory {
  /** Writes a folder's contents. */
  @FunctionalInterface
  interface Contents {
    void writeInto(Path dir) throws IOException;
  }

  /** Called after each step, so tests can stop the process between any two. */
  @FunctionalInterface
  interface StepHook {
    void after(String step) throws IOException;
  }

  private AtomicDirectory() {}

  /**
   * Replaces {@code target} with new contents.
   *
   * @param target the folder
   * @param ownFiles the only file names an existing {@code target} may hold (anything else means
   *     the folder is not ours, and it is left alone)
   * @param what names the kind of folder in messages
   * @param contents writes the new contents into an empty folder
   * @throws IllegalArgumentException if {@code target} holds files that are not ours
   * @throws UncheckedIOException if writing fails; the previous version is then intact
   */
  static void replace(Path target, Set<String> ownFiles, String what, Contents contents) {
    replace(target, ownFiles, what, contents, step -> {});
  }

  static void replace(Path target, Set<String> ownFiles, String what, Contents contents,
      StepHook hook) {
    Path dir = target.toAbsolutePath().normalize();
    Path tmp = null;
    try {
      recover(dir);
      requireOurs(target, ownFiles, what);
      Files.createDirectories(dir.getParent());
      tmp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName() + ".tmp-");
      contents.writeInto(tmp);
      fsyncFolder(tmp);
      hook.after("written");
      Path fresh = sibling(dir, ".new");
      move(tmp, fresh);
      tmp = null;
      fsyncFolder(dir.getParent());
      hook.after("renamed-new");
      finishSwap(dir, hook);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not write " + what + " to " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp); // an interrupted write: the previous version is untouched
      }
    }
  }

  /**
   * Checks that {@link #replace} may write {@code target}: it is absent or holds only our files.
   *
   * @throws IllegalArgumentException if it holds anything else
   * @throws IOException if it cannot be listed
   */
  static void requireOurs(Path target, Set<String> ownFiles, String what) throws IOException {
    Path dir = target.toAbsolutePath().normalize();
    if (Files.exists(dir) && !holdsOnly(dir, ownFiles)) {
      throw new IllegalArgumentException("refusing to write " + what + " into " + target
          + ": it exists and holds files that are not a seq2seq4j " + what);
    }
  }

  /**
   * Completes or rolls back an interrupted {@link #replace} of {@code target} and deletes its
   * leftovers; does nothing if there are none.
   *
   * @param target the folder
   * @throws IOException if a rename or delete fails
   */
  static void recover(Path target) throws IOException {
    Path dir = target.toAbsolutePath().normalize();
    if (dir.getParent() == null || !Files.isDirectory(dir.getParent())) {
      return;
    }
    if (Files.isDirectory(sibling(dir, ".new"))) {
      finishSwap(dir, step -> {});
    } else if (!Files.exists(dir) && Files.isDirectory(sibling(dir, ".old"))) {
      move(sibling(dir, ".old"), dir);
      fsyncFolder(dir.getParent());
    }
    deleteTree(sibling(dir, ".old"));
    String prefix = "." + dir.getFileName() + ".tmp-";
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir.getParent(), prefix + "*")) {
      for (Path p : s) {
        deleteTree(p);
      }
    }
  }

  /** Steps 3 to 5, with {@code .DIR.new} complete. */
  private static void finishSwap(Path dir, StepHook hook) throws IOException {
    Path fresh = sibling(dir, ".new");
    Path old = sibling(dir, ".old");
    if (Files.exists(dir)) {
      deleteTree(old); // an older leftover; dir itself is complete
      move(dir, old);
      hook.after("moved-old");
    }
    move(fresh, dir);
    fsyncFolder(dir.getParent());
    hook.after("renamed-target");
    deleteTree(old);
  }

  private static Path sibling(Path dir, String suffix) {
    return dir.resolveSibling("." + dir.getFileName() + suffix);
  }

  private static boolean holdsOnly(Path dir, Set<String> names) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.allMatch(p -> names.contains(p.getFileName().toString())
          && Files.isRegularFile(p));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Writes a file and forces it to the disk. */
  static void writeFile(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** Forces a folder's entries (new names) to the disk where the platform allows it. */
  private static void fsyncFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a folder for syncing; renames are still atomic.
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(q);
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      deleteTree(p);
    } catch (IOException ignored) {
      // the next recover() deletes it
    }
  }
}
