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
   * Inflates one entry into a buffer of its declared size. The declared size is only a claim:
   * inflating past it, or past the limit, fails at once, so a zip bomb costs at most the
   * limit's worth of work and memory. A short entry or a checksum mismatch fails too.
   *
   * @param name the archive, for messages
   * @param zip the open archive
   * @param entryName an entry known to exist
   * @param limit the most bytes the entry may hold
   * @return the entry's bytes
   * @throws KerasFileException if the entry is too large or corrupt
   * @throws IOException if the archive cannot be read
   */
  static byte[] read(String name, ZipFile zip, String entryName, long limit) throws IOException {
    String where = "entry " + entryName;
    ZipEntry entry = zip.getEntry(entryName);
    long declared = entry.getSize();
    if (declared > limit) {
      throw new KerasFileException(name, where, "declares " + declared
          + " bytes, more than the limit of " + limit);
    }
    byte[] buffer = new byte[declared >= 0 ? (int) declared : (int) Math.min(limit, CHUNK)];
    int filled = 0;
    CRC32 crc = new CRC32();
    try (InputStream in = zip.getInputStream(entry)) {
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (filled + (long) n > limit) {
          throw new KerasFileException(name, where, "inflates past the limit of " + limit
              + " bytes");
        }
        if (filled + n > buffer.length) {
          if (declared >= 0) {
            throw new KerasFileException(name, where, "inflates past its declared size of "
                + declared + " bytes");
          }
          buffer = Arrays.copyOf(buffer,
              (int) Math.min(limit, Math.max(filled + (long) n, 2L * buffer.length)));
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
}
