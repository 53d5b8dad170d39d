package dev.seq2seq4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a new or a hostile user types, row by row: every bad command line ends with exit code 2
 * and one {@code error:} line that says what is wrong (and names the file where there is one);
 * never a usage dump, a stack trace, an internal error or a silent exit 0. None of these rows
 * trains: each is refused before any work starts.
 */
class BadInputTableTest {
  @TempDir static Path tmp;
  private static Path sm;
  private static Path keras;
  private static Path h5;

  private static final String V39 = " 0.1".repeat(39);

  @BeforeAll
  static void files() throws IOException {
    Path models = Fixtures.projectRoot().resolve("saved-models");
    sm = models.resolve("reverse-lstm-default");
    keras = models.resolve("zoo/embedding_mask_zero_gru/embedding_mask_zero_gru.keras");
    h5 = models.resolve("zoo/embedding_mask_zero_gru/embedding_mask_zero_gru.h5");
    Files.writeString(tmp.resolve("bad.json"), "{\"probes\": [1, 2");
    Files.writeString(tmp.resolve("wrong.json"), "{\"probes\": 7}");
    Files.writeString(tmp.resolve("plain.txt"), "hello");
    Files.write(tmp.resolve("empty.h5"), new byte[0]);
    Files.write(tmp.resolve("empty.keras"), new byte[0]);
    Files.writeString(tmp.resolve("text.keras"), "not a zip");
    Files.createDirectories(tmp.resolve("emptydir"));
    Files.createDirectories(tmp.resolve("dir.png"));
    Files.createDirectories(tmp.resolve("full"));
    Files.writeString(tmp.resolve("full/notes.txt"), "mine");
    Files.writeString(tmp.resolve("afile"), "x");
  }

  private static Arguments row(int exit, String fragment, String... args) {
    return Arguments.of(String.join(" ", args), args, exit, fragment);
  }

  static Stream<Arguments> rows() {
    String t = tmp.toString();
    String s = sm.toString();
    List<Arguments> r = new ArrayList<>();
    // predict: numbers as the tutorials' models read them, nothing else.
    r.add(row(2, "'NaN' is not a decimal number", "predict", "--savedmodel", s, "NaN" + V39));
    r.add(row(2, "'Infinity' is not a decimal number", "predict", "--savedmodel", s,
        "Infinity" + V39));
    r.add(row(2, "'-Infinity' is not a decimal number", "predict", "--savedmodel", s,
        "-Infinity" + V39));
    r.add(row(2, "'1e39' is outside the float32 range", "predict", "--savedmodel", s,
        "1e39" + V39));
    r.add(row(2, "'0x1p-3' is not a decimal number", "predict", "--savedmodel", s,
        "0x1p-3" + V39));
    r.add(row(2, "'1d' is not a decimal number", "predict", "--savedmodel", s, "1d" + V39));
    r.add(row(2, "'1f' is not a decimal number", "predict", "--savedmodel", s, "1f" + V39));
    r.add(row(2, "takes 40 values per sample", "predict", "--savedmodel", s, "1 2 3"));
    r.add(row(2, "takes 40 values per sample", "predict", "--savedmodel", s, "-1 2 3"));
    r.add(row(2, "the input holds no numbers", "predict", "--savedmodel", s, ""));
    r.add(row(2, "the input holds no numbers", "predict", "--savedmodel", s, " , "));
    r.add(row(2, "'1..2' is not a decimal number", "predict", "--savedmodel", s, "1..2" + V39));
    r.add(row(2, "--signature applies to --savedmodel only", "predict", "--model", s,
        "--signature", "x", "1"));
    r.add(row(2, "--signature applies to --savedmodel only", "predict", "--file",
        keras.toString(), "--signature", "serving_default", "1"));
    r.add(row(2, "Unknown signature 'nope'", "predict", "--savedmodel", s, "--signature",
        "nope", "0.1" + V39));
    r.add(row(2, "SavedModel path is not a folder", "predict", "--savedmodel",
        s + "/saved_model.pb", "1"));
    r.add(row(2, "SavedModel folder does not exist: /nonexistent", "predict", "--savedmodel",
        "/nonexistent", "1"));
    r.add(row(2, "model file not found: /nonexistent.keras", "predict", "--file",
        "/nonexistent.keras", "1"));
    r.add(row(2, "plain.txt is not a model file seq2seq4j reads", "predict", "--file",
        t + "/plain.txt", "1"));
    r.add(row(2, "is not a seq2seq4j-weights folder", "predict", "--model", s, "1+2"));
    r.add(row(2, "no question given", "predict", "--savedmodel", s));
    r.add(row(2, "not both", "predict", "--savedmodel", s, "--input", t + "/plain.txt", "1"));
    r.add(row(2, "--input file not found: /nonexistent.txt", "predict", "--savedmodel", s,
        "--input", "/nonexistent.txt"));
    r.add(row(2, "Missing required argument", "predict", "1"));
    r.add(row(2, "mutually exclusive", "predict", "--model", t, "--file", keras.toString(),
        "1"));
    // train and sweep: every size and output path checked before a step is taken.
    r.add(row(2, "unknown recipe 'nosuch'", "train", "nosuch"));
    r.add(row(2, "Missing required parameter: 'RECIPE'", "train"));
    r.add(row(2, "Unknown option: '--bogus'", "train", "addition-mlp", "--bogus"));
    r.add(row(2, "epochs must be >= 1, got 0", "train", "addition-mlp", "--epochs", "0"));
    r.add(row(2, "epochs must be >= 1, got -1", "train", "addition-mlp", "--epochs", "-1"));
    r.add(row(2, "--epochs: 'abc' is not a whole number", "train", "addition-mlp", "--epochs",
        "abc"));
    r.add(row(2, "batch must be >= 1, got 0", "train", "addition-mlp", "--batch", "0"));
    r.add(row(2, "--seed: 'x' is not a whole number", "train", "addition-mlp", "--seed", "x"));
    r.add(row(2, "limit of 512", "train", "reverse-return-sequences-state", "--length",
        "10000"));
    r.add(row(2, "--plot needs a file or folder name", "train", "addition-mlp", "--plot", ""));
    r.add(row(2, "--save needs a file or folder name", "train", "addition-mlp", "--save", ""));
    r.add(row(2, "--export needs a file or folder name", "train", "addition-mlp", "--export",
        ""));
    r.add(row(2, "--plot takes a file named *.png", "train", "addition-mlp", "--plot",
        t + "/curves.jpg"));
    r.add(row(2, "/proc does not accept new files", "train", "addition-mlp", "--plot",
        "/proc/x.png"));
    r.add(row(2, "/proc does not accept new files", "train", "addition-mlp", "--save",
        "/proc/x"));
    r.add(row(2, "/proc does not accept new files", "train", "addition-mlp", "--export",
        "/proc/x"));
    r.add(row(2, "its folder does not exist", "train", "addition-mlp", "--plot",
        t + "/no/such/curves.png"));
    r.add(row(2, "dir.png (--plot): it is a folder", "train", "addition-mlp", "--plot",
        t + "/dir.png"));
    r.add(row(2, "afile (--save): it is a file", "train", "addition-mlp", "--save",
        t + "/afile"));
    r.add(row(2, "holds files that are not a seq2seq4j weights", "train", "addition-mlp",
        "--save", t + "/full"));
    r.add(row(2, "refusing to export into " + t + "/full: the folder is not empty", "train",
        "addition-mlp", "--export", t + "/full"));
    r.add(row(2, "--keras takes a file named *.keras", "train", "addition-mlp", "--keras",
        t + "/model.zip"));
    r.add(row(2, "--h5 takes a file named *.h5", "train", "addition-mlp", "--h5",
        t + "/model.keras"));
    r.add(row(2, "cannot share the folder", "train", "addition-mlp", "--checkpoint-every", "1",
        "--checkpoint-dir", t + "/same", "--save", t + "/same"));
    r.add(row(2, "--checkpoint-every must be >= 1, got 0", "train", "addition-mlp",
        "--checkpoint-every", "0", "--checkpoint-dir", t + "/states"));
    r.add(row(2, "--checkpoint-every needs --checkpoint-dir", "train", "addition-mlp",
        "--checkpoint-every", "2"));
    r.add(row(2, "training state folder not found: /nonexistent", "train", "addition-mlp",
        "--resume", "/nonexistent"));
    r.add(row(2, "'abc' is not an int", "sweep", "--lengths", "abc"));
    r.add(row(2, "--json needs a file or folder name", "sweep", "--json", ""));
    r.add(row(2, "/proc does not accept new files", "sweep", "--json", "/proc/x.json"));
    r.add(row(2, "--plot takes a file named *.png", "sweep", "--plot", t + "/table.svg"));
    r.add(row(2, "--jobs must be >= 1, got 0", "sweep", "--jobs", "0"));
    r.add(row(2, "more than the limit of", "train", "addition-seq2seq", "--units", "100000"));
    // bench: refused before any measurement starts.
    r.add(row(2, "at least 3 repetitions, got 2", "bench", "--reps", "2"));
    r.add(row(2, "unknown section 'nope'", "bench", "--sections", "nope"));
    r.add(row(2, "--sweep-jobs and --intra-op-threads must be >= 1", "bench", "--sweep-jobs",
        "0"));
    r.add(row(2, "unknown recipe 'nosuch'", "summary", "nosuch"));
    // parity: every option that does not apply or does not fit is refused.
    r.add(row(2, "the given shape (0, 10) does not fit it", "parity", s, "--input-shape",
        "input=0,10"));
    r.add(row(2, "an input shape is given for 'nope'", "parity", s, "--input-shape",
        "nope=4,10"));
    r.add(row(2, "the given shape (4, 11) does not fit it", "parity", s, "--input-shape",
        "input=4,11"));
    r.add(row(2, "--input-shape takes NAME=D1,D2,..., got 'garbage'", "parity", s,
        "--input-shape", "garbage"));
    r.add(row(2, "--input-shape takes whole numbers", "parity", s, "--input-shape",
        "input=4,x"));
    r.add(row(2, "--tolerance must be >= 0, got -1.0", "parity", s, "--tolerance", "-1"));
    r.add(row(2, "--tolerance must be >= 0, got NaN", "parity", s, "--tolerance", "NaN"));
    r.add(row(2, "model file not found: /nonexistent", "parity", "/nonexistent"));
    r.add(row(2, "reference file not found: /nonexistent.json", "parity", s, "--reference",
        "/nonexistent.json"));
    r.add(row(2, "bad.json is not a parity file: line 1, column", "parity", s, "--reference",
        t + "/bad.json"));
    r.add(row(2, "wrong.json is not a parity file", "parity", s, "--reference",
        t + "/wrong.json"));
    r.add(row(2, "plain.txt is not a model file seq2seq4j reads", "parity", t + "/plain.txt"));
    // inspect and convert: files that are not what their names say.
    r.add(row(2, "model file not found: /nonexistent", "inspect", "/nonexistent"));
    r.add(row(2, "empty.h5 is not a model file seq2seq4j reads", "inspect", t + "/empty.h5"));
    r.add(row(2, "empty.keras", "inspect", t + "/empty.keras"));
    r.add(row(2, "text.keras", "inspect", t + "/text.keras"));
    r.add(row(2, "emptydir is a folder but not a SavedModel", "inspect", t + "/emptydir"));
    r.add(row(2, "Missing required parameter: 'FILE'", "inspect"));
    r.add(row(2, "model file not found: /nonexistent.keras", "convert", "/nonexistent.keras",
        t + "/out.h5"));
    r.add(row(2, "refusing to export into " + t + "/full: the folder is not empty", "convert",
        keras.toString(), t + "/full"));
    r.add(row(2, "/proc does not accept new files", "convert", h5.toString(),
        "/proc/out.keras"));
    // the command line itself
    r.add(row(2, "Unmatched argument at index 0: 'bogus'", "bogus"));
    r.add(row(2, "Unknown option: '--bogus'", "list", "--bogus"));
    return r.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void badInputIsOneErrorLine(String name, String[] args, int exit, String fragment) {
    CliRunner.Outcome o = CliRunner.run(args);
    String err = o.err().strip();
    assertEquals(exit, o.exitCode(), "exit code; stderr: " + err);
    assertTrue(err.startsWith("error: "), "starts with error: " + err);
    assertFalse(err.contains("\n"), "one line: " + err);
    assertFalse(err.contains("internal:"), "not an internal error: " + err);
    assertFalse(err.contains("Exception") || err.contains("StreamReadFeature"),
        "no library jargon: " + err);
    assertTrue(err.contains(fragment), "'" + fragment + "' in: " + err);
  }

  @Test
  void theTableHoldsAtLeastSixtyRows() {
    assertTrue(rows().count() >= 60, rows().count() + " rows");
  }

  @Test
  void aNegativeFirstNumberIsAnInputNotAnOption() {
    CliRunner.Outcome o = CliRunner.run("predict", "--savedmodel", sm.toString(), "-0.5" + V39);
    assertEquals(0, o.exitCode(), o.err());
    assertTrue(o.out().startsWith("{\"output_0\":"), o.out());
  }
}
