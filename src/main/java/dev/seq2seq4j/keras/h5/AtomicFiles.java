package dev.seq2seq4j.keras.h5;

import dev.seq2seq4j.keras.KerasFileException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers see the old one or the complete new one, never half: the
 * content goes to a temporary file beside the target, is flushed to disk, then moved over
 * the target. Nothing is written anywhere else; a failure leaves the target untouched and
 * removes the temporary file.
 */
final class AtomicFiles {

  /** Fills a fresh, empty file. */
  interface Content {
    void writeTo(Path file) throws IOException;
  }

  private AtomicFiles() {}

  /**
   * Writes a file atomically.
   *
   * @param target the file to create or replace; its folder must exist
   * @param content what to write
   * @throws KerasFileException if the target is a folder, its folder is missing, or writing
   *     fails
   */
  static void write(Path target, Content content) {
    String name = target.toString();
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new KerasFileException(name, "", "cannot be written: its folder does not exist");
    }
    if (Files.isDirectory(absolute)) {
      throw new KerasFileException(name, "", "cannot be written: it is a folder");
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(folder, "." + absolute.getFileName() + ".", ".tmp");
      content.writeTo(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      keepPermissions(absolute, temp);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException | RuntimeException e) {
      if (e instanceof KerasFileException k) {
        throw k;
      }
      throw new KerasFileException(name, "", "cannot be written: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed; that failure is the one to report.
        }
      }
    }
  }

  /**
   * Temporary files are created readable by their owner only; give the new file the old
   * one's permissions, or the usual rw-r--r-- for a new file.
   */
  private static void keepPermissions(Path target, Path temp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp,
        PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    if (Files.exists(target)) {
      view.setPermissions(Files.getPosixFilePermissions(target));
    } else {
      view.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
    }
  }
}
