package dev.seq2seq4j.robustness;

import dev.seq2seq4j.data.FloatBlock;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.robustness.Variant.Expect;
import dev.seq2seq4j.train.state.SavedWeights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Damaged copies of model folders: SavedModels (Keras 3 and Keras 2 exports) and the project's
 * own saved weights ({@code train --save}). Each copy has one file damaged by {@link
 * ByteDamage} or {@link ConfigDamage}, or a structural fault: a file missing or emptied,
 * variables from another model, weights dropped, reshaped or made NaN.
 */
final class FolderVariants {

  /** A SavedModel to damage, with the input {@code predict} gets (null: not run). */
  record SavedModelSource(Path dir, String predictInput) {}

  private final Path out;
  private final List<Variant> variants = new ArrayList<>();

  private FolderVariants(Path out) {
    this.out = out;
  }

  /**
   * Variants of each SavedModel, run through {@code inspect}, {@code parity} (its signature
   * against the native rebuild) and, where an input is given, {@code predict --savedmodel}.
   *
   * @param sources the SavedModel folders
   * @param perSource how many variants of each (the intact copy included)
   * @param seed the seed of every random choice
   * @param out where the damaged folders are written
   * @return the variants
   */
  static List<Variant> savedModels(List<SavedModelSource> sources, int perSource, long seed,
      Path out) {
    FolderVariants v = new FolderVariants(out);
    try {
      for (int s = 0; s < sources.size(); s++) {
        SavedModelSource other = sources.get((s + 1) % sources.size());
        v.savedModelVariants(sources.get(s), other.dir(), perSource, new Random(seed + s));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return v.variants;
  }

  /**
   * Variants of one folder of saved weights, run through {@code inspect} and {@code predict
   * --model}.
   *
   * @param source saved weights of a recipe
   * @param input a question for {@code predict}
   * @param count how many variants (the intact copy included)
   * @param seed the seed of every random choice
   * @param out where the damaged folders are written
   * @return the variants
   */
  static List<Variant> savedWeights(Path source, String input, int count, long seed, Path out) {
    FolderVariants v = new FolderVariants(out);
    try {
      v.savedWeightsVariants(source, input, count, new Random(seed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return v.variants;
  }

  private void savedModelVariants(SavedModelSource source, Path other, int count,
      Random random) throws IOException {
    String stem = "savedmodel-" + source.dir().getFileName();
    if (stem.equals("savedmodel-savedmodel")) {
      stem = "savedmodel-" + source.dir().getParent().getFileName();
    }
    List<String> files = relativeFiles(source.dir());
    int[] made = {0};
    String finalStem = stem;
    Maker make = (damage, expect, change) -> {
      String id = String.format(Locale.ROOT, "%s-%03d", finalStem, made[0]++);
      Path dir = out.resolve(id);
      copyTree(source.dir(), dir);
      change.apply(dir);
      List<List<String>> commands = new ArrayList<>();
      commands.add(List.of("inspect", dir.toString()));
      commands.add(List.of("parity", dir.toString()));
      if (source.predictInput() != null) {
        commands.add(List.of("predict", "--savedmodel", dir.toString(), source.predictInput()));
      }
      variants.add(new Variant(id, "SavedModel", damage, expect, dir.toString(), commands));
    };
    make.make("intact copy", Expect.INTACT, dir -> { });
    make.make("variables/ from another model", Expect.REFUSED, dir -> {
      deleteTree(dir.resolve("variables"));
      copyTree(other.resolve("variables"), dir.resolve("variables"));
    });
    for (String file : List.of("saved_model.pb", "variables/variables.index",
        "variables/variables.data-00000-of-00001")) {
      make.make(file + " missing", Expect.REFUSED, dir -> Files.delete(dir.resolve(file)));
      make.make(file + " empty", Expect.REFUSED, dir -> Files.write(dir.resolve(file),
          new byte[0]));
    }
    make.make("saved_model.pb holds the variables index", Expect.REFUSED,
        dir -> Files.copy(dir.resolve("variables/variables.index"),
            dir.resolve("saved_model.pb"), java.nio.file.StandardCopyOption.REPLACE_EXISTING));
    make.make("saved_model.pb is a folder", Expect.REFUSED, dir -> {
      Files.delete(dir.resolve("saved_model.pb"));
      Files.createDirectory(dir.resolve("saved_model.pb"));
    });
    while (made[0] < count) {
      String file = pick(files, random);
      Path original = source.dir().resolve(file);
      ByteDamage d = ByteDamage.apply(Files.readAllBytes(original),
          random.nextInt(ByteDamage.KINDS), random);
      // Only the graph and Keras's metadata carry no checksum: the variables are covered by
      // the index's CRC32C values, the index by its blocks' own.
      boolean unchecked = file.equals("saved_model.pb") || file.equals("keras_metadata.pb");
      make.make(file + ": " + d.description(), unchecked ? Expect.HONEST : Expect.INTACT,
          dir -> Files.write(dir.resolve(file), d.bytes()));
    }
  }

  /** Damaged files are mostly the graph and the variables, as in a real folder's bytes. */
  private static String pick(List<String> files, Random random) {
    int r = random.nextInt(10);
    String want = r < 4 ? "saved_model.pb" : r < 6 ? "variables/variables.index"
        : r < 9 ? "variables/variables.data-00000-of-00001" : null;
    if (want != null && files.contains(want)) {
      return want;
    }
    return files.get(random.nextInt(files.size()));
  }

  private void savedWeightsVariants(Path source, String input, int count, Random random)
      throws IOException {
    int[] made = {0};
    Maker make = (damage, expect, change) -> {
      String id = String.format(Locale.ROOT, "weights-%03d", made[0]++);
      Path dir = out.resolve(id);
      copyTree(source, dir);
      change.apply(dir);
      variants.add(new Variant(id, "saved weights", damage, expect, dir.toString(), List.of(
          List.of("inspect", dir.toString()),
          List.of("predict", "--model", dir.toString(), input))));
    };
    SavedWeights intact = SavedWeights.load(source);
    Map<String, FloatBlock> weights = intact.weights().asMap();
    String first = weights.keySet().iterator().next();
    make.make("intact copy", Expect.INTACT, dir -> { });
    make.make("first weight left out (checksums recomputed)", Expect.REFUSED,
        dir -> forge(dir, without(weights, first), intact.metadata()));
    make.make("an extra weight (checksums recomputed)", Expect.REFUSED, dir -> {
      Map<String, FloatBlock> more = new LinkedHashMap<>(weights);
      more.put("extra/kernel", FloatBlock.wrap(new float[] {1, 2}, 2));
      forge(dir, more, intact.metadata());
    });
    make.make("first weight flattened (checksums recomputed)", Expect.REFUSED, dir -> {
      Map<String, FloatBlock> flat = new LinkedHashMap<>(weights);
      FloatBlock w = weights.get(first);
      flat.put(first, FloatBlock.wrap(w.data(), w.size()));
      forge(dir, flat, intact.metadata());
    });
    make.make("a NaN weight (checksums recomputed)", Expect.REFUSED, dir -> {
      Map<String, FloatBlock> nan = new LinkedHashMap<>(weights);
      FloatBlock w = weights.get(first);
      float[] values = w.data().clone();
      values[0] = Float.NaN;
      nan.put(first, FloatBlock.wrap(values, w.shape()));
      forge(dir, nan, intact.metadata());
    });
    make.make("no metadata (checksums recomputed)", Expect.REFUSED,
        dir -> forge(dir, weights, Map.of()));
    make.make("weights.bin missing", Expect.REFUSED, dir -> Files.delete(dir.resolve(
        "weights.bin")));
    make.make("weights.json missing", Expect.REFUSED, dir -> Files.delete(dir.resolve(
        "weights.json")));
    String index = Files.readString(source.resolve("weights.json"));
    while (made[0] < count) {
      int kind = random.nextInt(10);
      if (kind < 3) {
        ConfigDamage d = ConfigDamage.random(index, random);
        make.make("weights.json: " + d.description(), Expect.INTACT,
            dir -> Files.writeString(dir.resolve("weights.json"), d.json()));
      } else {
        String file = kind < 5 ? "weights.json" : "weights.bin";
        ByteDamage d = ByteDamage.apply(Files.readAllBytes(source.resolve(file)),
            random.nextInt(ByteDamage.KINDS), random);
        make.make(file + ": " + d.description(), Expect.INTACT,
            dir -> Files.write(dir.resolve(file), d.bytes()));
      }
    }
  }

  /** Rewrites a folder's saved weights through the public API, so every checksum is valid. */
  private static void forge(Path dir, Map<String, FloatBlock> weights, Map<String, Object> meta) {
    SavedWeights.save(dir, Weights.of(weights), meta);
  }

  private static Map<String, FloatBlock> without(Map<String, FloatBlock> weights, String name) {
    Map<String, FloatBlock> copy = new LinkedHashMap<>(weights);
    copy.remove(name);
    return copy;
  }

  /** Makes one variant folder. */
  private interface Maker {
    void make(String damage, Expect expect, FolderChange change) throws IOException;
  }

  /** Damages a fresh copy of the source folder. */
  private interface FolderChange {
    void apply(Path dir) throws IOException;
  }

  private static List<String> relativeFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()
          .replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
