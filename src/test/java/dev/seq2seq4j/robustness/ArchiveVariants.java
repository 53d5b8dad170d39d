package dev.seq2seq4j.robustness;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.keras.h5.H5Reader;
import dev.seq2seq4j.keras.h5.H5Trees;
import dev.seq2seq4j.keras.h5.H5Writer;
import dev.seq2seq4j.robustness.Variant.Expect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Damaged copies of Keras-written {@code .keras} archives and legacy {@code .h5} files: seeded
 * byte damage to the whole file, to the weights inside an archive and to the config, edits of
 * the HDF5 structure (weights dropped, added, reshaped, retyped, renamed, reordered), hostile
 * zip entries, and the named hazards of {@link ConfigDamage}. Each variant is run through
 * {@code inspect} and {@code parity --reference} (the outputs Keras recorded for the intact
 * file).
 */
final class ArchiveVariants {

  private static final String CONFIG = "config.json";
  private static final String METADATA = "metadata.json";
  private static final String WEIGHTS = "model.weights.h5";

  private final Path out;
  private final List<Variant> variants = new ArrayList<>();

  private ArchiveVariants(Path out) {
    this.out = out;
  }

  /**
   * Variants of each {@code .keras} file.
   *
   * @param sources Keras archives, each with a {@code parity.json} beside it
   * @param perSource how many variants of each (the intact copy included)
   * @param seed the seed of every random choice
   * @param out where the damaged files are written
   * @return the variants
   */
  static List<Variant> keras(List<Path> sources, int perSource, long seed, Path out) {
    ArchiveVariants v = new ArchiveVariants(out);
    for (Path source : sources) {
      v.kerasVariants(source, perSource, new Random(seed ^ source.getFileName().hashCode()));
    }
    return v.variants;
  }

  /**
   * Variants of each legacy {@code .h5} file.
   *
   * @param sources HDF5 model files, each with a {@code parity.json} beside it
   * @param perSource how many variants of each (the intact copy included)
   * @param seed the seed of every random choice
   * @param out where the damaged files are written
   * @return the variants
   */
  static List<Variant> h5(List<Path> sources, int perSource, long seed, Path out) {
    ArchiveVariants v = new ArchiveVariants(out);
    for (Path source : sources) {
      v.h5Variants(source, perSource, new Random(seed ^ source.getFileName().hashCode()));
    }
    return v.variants;
  }

  private void kerasVariants(Path source, int count, Random random) {
    String stem = stem(source);
    Map<String, byte[]> entries = entries(source);
    String config = new String(entries.get(CONFIG), StandardCharsets.UTF_8);
    byte[] weights = entries.get(WEIGHTS);
    byte[] archive = read(source);
    UncheckedRegions weightData = UncheckedRegions.of(weights);
    Counter n = new Counter(stem, count);
    add(n, source, ".keras", "intact copy", Expect.INTACT, archive);
    for (ConfigDamage d : ConfigDamage.everyNamed(config)) {
      add(n, source, ".keras", d.description(), Expect.REFUSED,
          zip(with(entries, CONFIG, d.json()), false));
    }
    add(n, source, ".keras", "config nested 100000 deep", Expect.REFUSED,
        zip(with(entries, CONFIG, ConfigDamage.nested(100_000).json()), false));
    for (String bad : List.of("../outside", "/etc/passwd", "assets/../../x", "C:\\x")) {
      Map<String, byte[]> e = new LinkedHashMap<>(entries);
      e.put(bad, new byte[] {1, 2, 3});
      add(n, source, ".keras", "extra entry '" + bad + "'", Expect.REFUSED, zip(e, false));
    }
    Map<String, byte[]> twice = new LinkedHashMap<>(entries);
    twice.put("config.jsoX", "{\"class_name\": \"Evil\"}".getBytes(StandardCharsets.UTF_8));
    add(n, source, ".keras", "config.json twice", Expect.REFUSED,
        replaceAll(zip(twice, false), "config.jsoX", CONFIG));
    for (String missing : List.of(CONFIG, WEIGHTS)) {
      Map<String, byte[]> e = new LinkedHashMap<>(entries);
      e.remove(missing);
      add(n, source, ".keras", "no " + missing, Expect.REFUSED, zip(e, false));
    }
    add(n, source, ".keras", "weights entry a 64 MiB deflated bomb", Expect.REFUSED,
        zip(with(entries, WEIGHTS, bomb(64 << 20)), true));
    add(n, source, ".keras", "config entry 24 MiB of spaces, deflated", Expect.REFUSED,
        zip(with(entries, CONFIG, " ".repeat(24 << 20) + config), true));
    for (WeightEdit edit : WeightEdit.values()) {
      add(n, source, ".keras", "weights: " + edit.description, edit.expect,
          zip(with(entries, WEIGHTS, edit.apply(weights)), false));
    }
    while (n.remaining() > 0) {
      int kind = random.nextInt(10);
      if (kind < 5) {
        ByteDamage d = ByteDamage.apply(archive, random.nextInt(ByteDamage.KINDS), random);
        add(n, source, ".keras", "archive: " + d.description(), Expect.INTACT, d.bytes());
      } else if (kind < 7) {
        ByteDamage d = ByteDamage.apply(weights, random.nextInt(ByteDamage.KINDS), random);
        add(n, source, ".keras", "weights entry: " + d.description(),
            weightData.covers(d) ? Expect.HONEST : Expect.INTACT,
            zip(with(entries, WEIGHTS, d.bytes()), false));
      } else {
        ConfigDamage d = ConfigDamage.random(config, random);
        add(n, source, ".keras", "config: " + d.description(), Expect.HONEST,
            zip(with(entries, CONFIG, d.json()), false));
      }
    }
  }

  private void h5Variants(Path source, int count, Random random) {
    String stem = stem(source);
    byte[] file = read(source);
    UncheckedRegions regions = UncheckedRegions.of(file);
    String config;
    try (H5Reader r = H5Reader.open(source)) {
      config = r.root().stringAttribute("model_config").orElseThrow();
    }
    Counter n = new Counter(stem, count);
    add(n, source, ".h5", "intact copy", Expect.INTACT, file);
    for (ConfigDamage d : ConfigDamage.everyNamed(config)) {
      add(n, source, ".h5", d.description(), Expect.REFUSED,
          rewrite(file, attribute("model_config", d.json())));
    }
    add(n, source, ".h5", "model_config nested 30000 deep", Expect.REFUSED,
        rewrite(file, attribute("model_config", ConfigDamage.nested(30_000).json())));
    for (WeightEdit edit : WeightEdit.values()) {
      add(n, source, ".h5", edit.description, edit.expect, edit.apply(file));
    }
    add(n, source, ".h5", "weight_names reversed", Expect.HONEST,
        rewrite(file, new H5Trees.Edit() {
          @Override
          public List<String> listAttribute(String path, String name, List<String> values) {
            if (!name.equals("weight_names")) {
              return values;
            }
            List<String> reversed = new ArrayList<>(values);
            Collections.reverse(reversed);
            return reversed;
          }
        }));
    add(n, source, ".h5", "a weight_names entry names no dataset", Expect.REFUSED,
        rewrite(file, new H5Trees.Edit() {
          @Override
          public List<String> listAttribute(String path, String name, List<String> values) {
            if (!name.equals("weight_names") || values.isEmpty()) {
              return values;
            }
            List<String> renamed = new ArrayList<>(values);
            renamed.set(0, renamed.get(0) + "_missing");
            return renamed;
          }
        }));
    add(n, source, ".h5", "layer_names lacks its last layer", Expect.REFUSED,
        rewrite(file, new H5Trees.Edit() {
          @Override
          public List<String> listAttribute(String path, String name, List<String> values) {
            return name.equals("layer_names") ? values.subList(0, values.size() - 1) : values;
          }
        }));
    for (String version : List.of("1.2.2", "99.0", "", "2.1.6-tf")) {
      add(n, source, ".h5", "keras_version '" + version + "'", Expect.HONEST,
          rewrite(file, attribute("keras_version", version)));
    }
    add(n, source, ".h5", "backend 'theano'", Expect.HONEST,
        rewrite(file, attribute("backend", "theano")));
    add(n, source, ".h5", "no model_config", Expect.HONEST,
        rewrite(file, attribute("model_config", null)));
    while (n.remaining() > 0) {
      if (random.nextInt(10) < 7) {
        ByteDamage d = ByteDamage.apply(file, random.nextInt(ByteDamage.KINDS), random);
        add(n, source, ".h5", d.description(), regions.covers(d) ? Expect.HONEST : Expect.INTACT,
            d.bytes());
      } else {
        ConfigDamage d = ConfigDamage.random(config, random);
        add(n, source, ".h5", "model_config: " + d.description(), Expect.HONEST,
            rewrite(file, attribute("model_config", d.json())));
      }
    }
  }

  /** Edits of an HDF5 file's weights, for both a legacy file and a .keras weights entry. */
  private enum WeightEdit {
    DROP_FIRST("first weight dataset dropped", Expect.REFUSED),
    ONE_MORE_ROW("first weight dataset one row longer", Expect.REFUSED),
    FLATTENED("first 2-d weight dataset flattened", Expect.REFUSED),
    AS_INTEGERS("every weight dataset stored as rounded int64", Expect.HONEST);

    final String description;
    final Expect expect;

    WeightEdit(String description, Expect expect) {
      this.description = description;
      this.expect = expect;
    }

    byte[] apply(byte[] hdf5) {
      boolean[] done = new boolean[1];
      return rewrite(hdf5, new H5Trees.Edit() {
        @Override
        public FloatBlock floats(String path, FloatBlock values) {
          boolean matrix = values.shape().length == 2;
          if (done[0] || WeightEdit.this == FLATTENED && !matrix) {
            return values;
          }
          switch (WeightEdit.this) {
            case DROP_FIRST -> {
              done[0] = true;
              return null;
            }
            case ONE_MORE_ROW -> {
              done[0] = true;
              long[] shape = values.shape().clone();
              if (shape.length == 0) {
                return FloatBlock.wrap(new float[] {values.data()[0], 0}, 2);
              }
              long row = values.size() / Math.max(1, shape[0]);
              shape[0]++;
              return FloatBlock.wrap(Arrays.copyOf(values.data(), (int) (values.size() + row)),
                  shape);
            }
            case FLATTENED -> {
              done[0] = true;
              return FloatBlock.wrap(values.data(), values.size());
            }
            default -> {
              return values;
            }
          }
        }

        @Override
        public boolean asIntegers(String path) {
          return WeightEdit.this == AS_INTEGERS;
        }
      });
    }
  }

  private static H5Trees.Edit attribute(String attribute, String replacement) {
    return new H5Trees.Edit() {
      @Override
      public String attribute(String path, String name, String value) {
        return name.equals(attribute) ? replacement : value;
      }
    };
  }

  /** The file read and written back through an edit (by jHDF: a valid HDF5 layout). */
  private static byte[] rewrite(byte[] hdf5, H5Trees.Edit edit) {
    H5Writer copy = new H5Writer();
    try (H5Reader original = H5Reader.fromBytes("intact", hdf5)) {
      H5Trees.copy(original.root(), copy.root(), edit);
    }
    return copy.toBytes();
  }

  private void add(Counter n, Path source, String format, String damage, Expect expect,
      byte[] bytes) {
    String id = n.next();
    Path target = out.resolve(id + format);
    try {
      Files.write(target, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path reference = source.resolveSibling("parity.json");
    variants.add(new Variant(id, format, damage, expect, target.toString(), List.of(
        List.of("inspect", target.toString()),
        List.of("parity", target.toString(), "--reference", reference.toString()))));
  }

  /** Names variants {@code <stem>-000}, ... and counts how many are left to make. */
  private static final class Counter {
    private final String stem;
    private final int total;
    private int made;

    Counter(String stem, int total) {
      this.stem = stem;
      this.total = total;
    }

    String next() {
      return String.format(java.util.Locale.ROOT, "%s-%03d", stem, made++);
    }

    int remaining() {
      return total - made;
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.')) + "-" + name.substring(
        name.lastIndexOf('.') + 1);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The intact archive's entries in order (a Keras-written file, trusted). */
  static Map<String, byte[]> entries(Path archive) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static Map<String, byte[]> with(Map<String, byte[]> entries, String name,
      String text) {
    return with(entries, name, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, byte[]> with(Map<String, byte[]> entries, String name,
      byte[] bytes) {
    Map<String, byte[]> copy = new LinkedHashMap<>(entries);
    copy.put(name, bytes);
    return copy;
  }

  /** A zip of the entries, stored as Keras stores them or deflated. */
  static byte[] zip(Map<String, byte[]> entries, boolean deflate) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        if (!deflate) {
          entry.setMethod(ZipEntry.STORED);
          entry.setSize(e.getValue().length);
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] bomb(int size) {
    byte[] b = new byte[size];
    System.arraycopy(new byte[] {(byte) 0x89, 'H', 'D', 'F'}, 0, b, 0, 4);
    return b;
  }

  private static byte[] replaceAll(byte[] data, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
    byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = data.clone();
    for (int i = 0; i + f.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, out, i, t.length);
      }
    }
    return out;
  }
}
