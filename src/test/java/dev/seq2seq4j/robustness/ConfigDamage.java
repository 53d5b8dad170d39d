package dev.seq2seq4j.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Damage to a Keras model config (the JSON of {@code config.json} or of an {@code .h5}'s
 * {@code model_config}): seeded edits of one value anywhere in the tree, and the named hazards
 * an attacker would try (code to run, modules to import, sizes to exhaust memory, nesting to
 * exhaust the stack).
 *
 * @param json the damaged config text
 * @param description what was done, for reports
 */
record ConfigDamage(String json, String description) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Values a careless or hostile edit puts in place of any value. */
  private static final List<JsonNode> HOSTILE_VALUES = List.of(NODES.numberNode(-1),
      NODES.numberNode(0), NODES.numberNode(2_000_000_000), NODES.numberNode(1e308),
      NODES.numberNode(1.5), NODES.textNode(""), NODES.textNode("x"), NODES.nullNode(),
      NODES.booleanNode(true), NODES.booleanNode(false), NODES.arrayNode(), NODES.objectNode(),
      NODES.textNode("Lambda"), NODES.textNode("float64"), NODES.textNode("relu"),
      NODES.textNode("channels_first"), NODES.numberNode(Long.MAX_VALUE));

  /**
   * Edits that a hostile file makes on purpose, by name. An edit that finds nothing to change
   * in a config (no Embedding for {@code input_dim}) leaves it as it is.
   */
  static final Map<String, UnaryOperator<JsonNode>> NAMED = Map.ofEntries(
      Map.entry("units 2000000000", c -> setEverywhere(c, "units", NODES.numberNode(2e9))),
      Map.entry("units -5", c -> setEverywhere(c, "units", NODES.numberNode(-5))),
      Map.entry("Lambda layer with bytecode", ConfigDamage::lambdaLayer),
      Map.entry("module os, registered_name system", c -> onEveryLayer(onEveryLayer(c,
          "module", NODES.textNode("os")), "registered_name", NODES.textNode("system"))),
      Map.entry("custom registered_name",
          c -> onEveryLayer(c, "registered_name", NODES.textNode("Custom>Evil"))),
      Map.entry("batch_shape of 10^12 steps", c -> setEverywhere(setEverywhere(c,
          "batch_shape", shape(null, 1_000_000_000_000L, 8L)), "batch_input_shape",
          shape(null, 1_000_000_000_000L, 8L))),
      Map.entry("input_dim 2000000000", c -> setEverywhere(c, "input_dim",
          NODES.numberNode(2_000_000_000))),
      Map.entry("dtype string", c -> setEverywhere(c, "dtype", NODES.textNode("string"))),
      Map.entry("class_name unknown", c -> setEverywhere(c, "class_name",
          NODES.textNode("NoSuchLayer"))),
      Map.entry("activation eval", c -> setEverywhere(c, "activation",
          NODES.textNode("__import__('os').system('id')"))));

  private ConfigDamage(JsonNode tree, String description) {
    this(tree.toString(), description);
  }

  /**
   * One seeded edit of one value: replaced by a hostile value, removed, duplicated, renamed or
   * swapped with its neighbour.
   *
   * @param config the intact config text
   * @param random the seeded source of places and edits
   * @return the damaged config
   */
  static ConfigDamage random(String config, Random random) {
    JsonNode tree = parse(config);
    List<String> paths = new ArrayList<>();
    collectPaths(tree, "", paths);
    String path = paths.get(random.nextInt(paths.size()));
    int slash = path.lastIndexOf('/');
    JsonNode parent = tree.at(path.substring(0, slash));
    String key = unescape(path.substring(slash + 1));
    int edit = random.nextInt(5);
    String what;
    if (edit <= 1) {
      JsonNode value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
      put(parent, key, value);
      what = path + " set to " + value;
    } else if (edit == 2) {
      remove(parent, key);
      what = path + " removed";
    } else if (edit == 3 && parent instanceof ObjectNode o) {
      o.set(key + "_x", o.remove(key));
      what = path + " renamed " + key + "_x";
    } else if (edit == 3 && parent.size() > 1) {
      ArrayNode a = (ArrayNode) parent;
      int i = Integer.parseInt(key);
      int j = (i + 1) % a.size();
      JsonNode first = a.get(i);
      a.set(i, a.get(j));
      a.set(j, first);
      what = path + " swapped with element " + j;
    } else {
      put(parent, key, NODES.textNode(tree.at(path).toString()));
      what = path + " replaced by its JSON text";
    }
    return new ConfigDamage(tree, what);
  }

  /**
   * The named hazard {@code name} (a key of {@link #NAMED}) applied to a copy of the config.
   *
   * @param config the intact config text
   * @param name the hazard
   * @return the damaged config, or nothing if the hazard finds nothing to change
   */
  private static Optional<ConfigDamage> named(String config, String name) {
    JsonNode intact = parse(config);
    JsonNode damaged = NAMED.get(name).apply(intact.deepCopy());
    return damaged.equals(intact) ? Optional.empty()
        : Optional.of(new ConfigDamage(damaged, name));
  }

  /**
   * Every named hazard that changes something in the config, sorted by name.
   *
   * @param config the intact config text
   * @return the damaged configs
   */
  static List<ConfigDamage> everyNamed(String config) {
    return NAMED.keySet().stream().sorted().map(name -> named(config, name))
        .flatMap(Optional::stream).toList();
  }

  /**
   * A config nested {@code depth} arrays deep where its first layer list was: enough to
   * overflow any recursive parser's stack.
   *
   * @param depth how deep
   * @return the damaged config
   */
  static ConfigDamage nested(int depth) {
    String open = "[".repeat(depth);
    String close = "]".repeat(depth);
    return new ConfigDamage("{\"class_name\": \"Sequential\", \"config\": {\"layers\": " + open
        + close + "}}", "layers nested " + depth + " deep");
  }

  private static JsonNode parse(String config) {
    try {
      return JSON.readTree(config);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("the intact config does not parse", e);
    }
  }

  private static void collectPaths(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
        String k = it.next();
        String p = path + "/" + k.replace("~", "~0").replace("/", "~1");
        out.add(p);
        collectPaths(node.get(k), p, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String p = path + "/" + i;
        out.add(p);
        collectPaths(node.get(i), p, out);
      }
    }
  }

  private static String unescape(String key) {
    return key.replace("~1", "/").replace("~0", "~");
  }

  private static void put(JsonNode parent, String key, JsonNode value) {
    if (parent instanceof ObjectNode o) {
      o.set(key, value);
    } else {
      ((ArrayNode) parent).set(Integer.parseInt(key), value);
    }
  }

  private static void remove(JsonNode parent, String key) {
    if (parent instanceof ObjectNode o) {
      o.remove(key);
    } else {
      ((ArrayNode) parent).remove(Integer.parseInt(key));
    }
  }

  /** Sets {@code key} to {@code value} wherever it appears in the tree. */
  private static JsonNode setEverywhere(JsonNode node, String key, JsonNode value) {
    if (node instanceof ObjectNode o) {
      if (o.has(key)) {
        o.set(key, value.deepCopy());
      }
      o.elements().forEachRemaining(child -> setEverywhere(child, key, value));
    } else if (node instanceof ArrayNode a) {
      a.elements().forEachRemaining(child -> setEverywhere(child, key, value));
    }
    return node;
  }

  /** Sets {@code key} on every layer object (one with a class_name and a config), adding it. */
  private static JsonNode onEveryLayer(JsonNode node, String key, JsonNode value) {
    if (node instanceof ObjectNode o) {
      if (o.has("class_name") && o.path("config").isObject()) {
        o.set(key, value.deepCopy());
      }
      o.elements().forEachRemaining(child -> onEveryLayer(child, key, value));
    } else if (node instanceof ArrayNode a) {
      a.elements().forEachRemaining(child -> onEveryLayer(child, key, value));
    }
    return node;
  }

  /** Turns the first layer with a config into a Lambda carrying a marshalled function. */
  private static JsonNode lambdaLayer(JsonNode tree) {
    JsonNode layers = tree.path("config").path("layers");
    for (JsonNode layer : layers) {
      if (layer instanceof ObjectNode o && !"InputLayer".equals(o.path("class_name").asText())) {
        o.put("class_name", "Lambda");
        o.put("module", "keras.layers");
        ObjectNode config = (ObjectNode) o.get("config");
        ObjectNode function = config.putObject("function");
        function.put("class_name", "__lambda__");
        function.putObject("config").put("code",
            "4wEAAAAAAAAAAAAAAAEAAAAEAAAAQwAAAHMMAAAAdABkAYMBAQB8AFMAKQJO")
            .put("defaults", (String) null).put("closure", (String) null);
        break;
      }
    }
    return tree;
  }

  private static ArrayNode shape(Long... dims) {
    ArrayNode a = NODES.arrayNode();
    for (Long d : dims) {
      if (d == null) {
        a.addNull();
      } else {
        a.add(d);
      }
    }
    return a;
  }
}
