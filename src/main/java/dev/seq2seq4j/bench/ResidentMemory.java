package dev.seq2seq4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** This process's resident memory, from Linux's {@code /proc/self/status}; empty elsewhere. */
public final class ResidentMemory {
  private static final Path STATUS = Path.of("/proc/self/status");

  private ResidentMemory() {}

  /**
   * The resident memory now.
   *
   * @return bytes, or empty where {@code /proc} is missing
   */
  public static OptionalLong current() {
    return field("VmRSS:");
  }

  /**
   * The highest resident memory since the process started.
   *
   * @return bytes, or empty where {@code /proc} is missing
   */
  public static OptionalLong peak() {
    return field("VmHWM:");
  }

  private static OptionalLong field(String name) {
    if (!Files.isReadable(STATUS)) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
