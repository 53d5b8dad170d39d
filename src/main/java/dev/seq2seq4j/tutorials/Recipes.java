package dev.seq2seq4j.tutorials;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every recipe by name: each tutorial's in its order, followed by those that extend it. */
public final class Recipes {
  private static final Map<String, Recipe> BY_NAME = build();

  private Recipes() {}

  private static Map<String, Recipe> build() {
    List<Recipe> all = new ArrayList<>();
    // Brownlee's recipes, his extensions and Keras's addition example; then Karakaya's, and the
    // attention models that go beyond them.
    all.add(BrownleeMappingRecipe.mlp());
    all.add(BrownleeMappingRecipe.lstm());
    all.addAll(TextRecipes.all());
    all.addAll(KarakayaReverseRecipe.all());
    all.add(new ReverseAttentionRecipe());
    all.add(VariableReverseRecipe.reversed());
    all.add(VariableReverseRecipe.unique());
    Map<String, Recipe> m = new LinkedHashMap<>();
    for (Recipe r : all) {
      m.put(r.name(), r);
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * All recipes in tutorial order.
   *
   * @return the recipes
   */
  public static List<Recipe> all() {
    return List.copyOf(BY_NAME.values());
  }

  /**
   * The recipe names in tutorial order.
   *
   * @return the names
   */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * Every knob some recipe declares, each once (with the first declaring recipe's default), in
   * the order they first appear: the command line offers one flag per knob.
   *
   * @return the knobs
   */
  public static List<Knob<?>> knobs() {
    Map<String, Knob<?>> byName = new LinkedHashMap<>();
    for (Recipe r : BY_NAME.values()) {
      for (Knob<?> k : r.knobs()) {
        byName.putIfAbsent(k.name(), k);
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * One recipe by name.
   *
   * @param name e.g. {@code addition-seq2seq}
   * @return the recipe
   * @throws IllegalArgumentException listing the known names if there is none by that name
   */
  public static Recipe byName(String name) {
    Recipe r = BY_NAME.get(name);
    if (r == null) {
      throw new IllegalArgumentException(
          "unknown recipe '" + name + "'; known recipes: " + String.join(", ", names()));
    }
    return r;
  }
}
