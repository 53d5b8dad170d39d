package dev.seq2seq4j.keras.h5;

import dev.seq2seq4j.keras.KerasFileException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Zip reading that trusts no header: entry names are checked, each name must appear once,
 * and entries are inflated under a bound measured while inflating.
 */
final class SafeZip {

  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
  private static final int CHUNK = 1 << 16;
  /** The most a compressed entry may inflate per compressed byte (Apache POI uses 100 too). */
  static final int MAX_RATIO = 100;
  /** Entries up to this size are not held to {@link #MAX_RATIO}: small JSON compresses well. */
  static final int RATIO_FREE_BYTES = 1 << 20;

  private SafeZip() {}

  /**
   * The archive's entry names, checked: at most {@code maxEntries}, none absolute, none with a
   * {@code ..} part or a control character, none twice.
   *
   * @param name the archive, for messages
   * @param zip the open archive
   * @param maxEntries the most entries allowed
   * @return the names in archive order
   * @throws KerasFileException naming the first bad entry
   */
  static List<String> entryNames(String name, ZipFile zip, int maxEntries) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String entry = entries.nextElement().getName();
      if (names.size() >= maxEntries) {
        throw new KerasFileException(name, "", "has more than " + maxEntries + " entries");
      }
      String problem = unsafeName(entry);
      if (problem != null) {
        throw new KerasFileException(name, "entry '" + entry + "'", problem);
      }
      if (!seen.add(entry)) {
        throw new KerasFileException(name, "entry '" + entry + "'",
            "appears more than once; which copy counts is ambiguous");
      }
      names.add(entry);
    }
    return names;
  }

  /** Why an entry name is not one a Keras archive holds, or null if it is fine. */
  private static String unsafeName(String entry) {
    if (entry.isEmpty()) {
      return "has an empty name";
    }
    if (entry.startsWith("/") || entry.startsWith("\\") || DRIVE.matcher(entry).matches()) {
      return "has an absolute name";
    }
    for (String part : entry.split("[/\\\\]")) {
      if (part.equals("..")) {
        return "has a name that climbs out of the archive ('..')";
      }
    }
    for (int i = 0; i < entry.length(); i++) {
      if (Character.isISOControl(entry.charAt(i))) {
        return "has a control character in its name";
      }
    }
    return null;
  }

  /**
   * Inflates one entry. Neither its declared size nor its compression is trusted: the bytes it
   * may inflate to are bounded by {@code limit} and by what the archive can honestly hold (a
   * stored entry no more than the archive's length, a compressed one no more than {@value
   * #MAX_RATIO} times its compressed bytes, past a {@value #RATIO_FREE_BYTES}-byte allowance).
   * Real model files compress about 1:1 (Keras stores its entries uncompressed), so only a zip
   * bomb meets that bound. The buffer grows with the data actually inflated, never to a
   * declared size up front, so a false claim costs nothing. A short entry or a checksum
   * mismatch fails too.
   *
   * @param name the archive, for messages
   * @param zip the open archive
   * @param archiveBytes the archive's length on disk
   * @param entryName an entry known to exist
   * @param limit the most bytes the entry may hold
   * @return the entry's bytes
   * @throws KerasFileException if the entry is too large or corrupt
   * @throws IOException if the archive cannot be read
   */
  static byte[] read(String name, ZipFile zip, long archiveBytes, String entryName, long limit)
      throws IOException {
    String where = "entry " + entryName;
    ZipEntry entry = zip.getEntry(entryName);
    long declared = entry.getSize();
    if (declared > limit) {
      throw new KerasFileException(name, where, "declares " + declared
          + " bytes, more than the limit of " + limit);
    }
    long ceiling = inflationCeiling(name, where, entry, archiveBytes, limit);
    if (declared > ceiling) {
      throw new KerasFileException(name, where, entry.getMethod() == ZipEntry.STORED
          ? "declares " + declared + " stored bytes in a " + archiveBytes + "-byte archive"
          : "declares " + declared + " bytes from " + entry.getCompressedSize()
              + " compressed, more than the " + MAX_RATIO + ":1 ratio this reader allows "
              + "(a zip bomb?)");
    }
    long bound = declared >= 0 ? declared : ceiling;
    byte[] buffer = new byte[(int) Math.min(bound, CHUNK)];
    int filled = 0;
    CRC32 crc = new CRC32();
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (filled + (long) n > bound) {
          throw new KerasFileException(name, where, declared >= 0
              ? "inflates past its declared size of " + declared + " bytes"
              : "inflates past " + bound + " bytes, the most its " + entry.getCompressedSize()
                  + " compressed bytes may hold (limit " + limit + ", ratio " + MAX_RATIO
                  + ":1)");
        }
        if (filled + n > buffer.length) {
          buffer = Arrays.copyOf(buffer,
              (int) Math.min(bound, Math.max(filled + (long) n, 2L * buffer.length)));
        }
        System.arraycopy(chunk, 0, buffer, filled, n);
        crc.update(chunk, 0, n);
        filled += n;
      }
    } catch (ZipException e) {
      throw new KerasFileException(name, where, "is corrupt: " + e.getMessage(), e);
    }
    if (declared >= 0 && filled != declared) {
      throw new KerasFileException(name, where, "holds " + filled + " bytes but declares "
          + declared);
    }
    if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
      throw new KerasFileException(name, where, "is corrupt: its checksum does not match");
    }
    return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
  }

  /** The most bytes an entry can honestly inflate to, given the archive it sits in. */
  private static long inflationCeiling(String name, String where, ZipEntry entry,
      long archiveBytes, long limit) {
    long compressed = entry.getCompressedSize();
    if (compressed > archiveBytes) {
      throw new KerasFileException(name, where, "claims " + compressed
          + " compressed bytes in a " + archiveBytes + "-byte archive");
    }
    long present = compressed >= 0 ? compressed : archiveBytes;
    long honest = entry.getMethod() == ZipEntry.STORED ? present
        : Math.max(RATIO_FREE_BYTES, present * MAX_RATIO);
    return Math.min(limit, honest);
  }
}
