package dev.seq2seq4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.seq2seq4j.interop.savedmodel.SavedModelExporter;
import dev.seq2seq4j.interop.savedmodel.SavedModelInspector;
import dev.seq2seq4j.nn.Model;
import dev.seq2seq4j.nn.Weights;
import dev.seq2seq4j.train.CompileOptions;
import dev.seq2seq4j.train.CompiledModel;
import dev.seq2seq4j.train.Losses;
import dev.seq2seq4j.tutorials.TutorialModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export appears complete or not at all: a failure part way leaves nothing, a folder filled
 * by another process meanwhile is refused rather than mixed, and a dead process's leftovers are
 * cleared by the next export.
 */
class AtomicExportTest {
  private static Model model;
  private static Weights weights;

  @BeforeAll
  static void model() {
    model = TutorialModels.reverseLstmDefault(4, 10, 8);
    try (CompiledModel cm = CompiledModel.compile(model,
        CompileOptions.builder(Losses.categoricalCrossentropy()).build())) {
      weights = cm.weights();
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFailureWhileWritingLeavesNoExportAndNoLeftovers(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("export");
    assertThrows(UncheckedIOException.class, () -> SavedModelExporter.export(model, weights, dir,
        Set.of(), staging -> {
          assertTrue(Files.isRegularFile(staging.resolve("saved_model.pb")));
          throw new IOException("disk full");
        }));
    assertEquals(List.of(), names(tmp), "no export, no temporary folder");
    // The same folder then takes a complete export.
    SavedModelExporter.export(model, weights, dir, Set.of(),
        staging -> Files.writeString(staging.resolve("parity.json"), "{}"));
    assertEquals(List.of("parity.json", "saved_model.pb", "variables"),
        names(dir).stream().filter(n -> !n.equals("assets") && !n.equals("fingerprint.pb"))
            .toList());
    SavedModelInspector.validate(dir);
  }

  @Test
  void aFolderFilledMeanwhileIsRefusedNotMixed(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("export");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SavedModelExporter.export(model, weights, dir, Set.of(), staging -> {
          // Another process's export lands first.
          Files.createDirectories(dir);
          Files.writeString(dir.resolve("parity.json"), "{\"theirs\": true}");
        }));
    assertTrue(e.getMessage().contains("another process filled the folder"), e.getMessage());
    assertEquals(List.of("parity.json"), names(dir));
    assertEquals("{\"theirs\": true}", Files.readString(dir.resolve("parity.json")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(1, s.count(), "no temporary folder left");
    }
  }

  @Test
  void leftoversOfADeadProcessAreRemovedByTheNextExport(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("export");
    long deadPid = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max()
        .orElse(1) + 100_000;
    Path leftover = Files.createDirectories(tmp.resolve(".export.export-" + deadPid + "-123"));
    Files.write(leftover.resolve("saved_model.pb"), new byte[0]);
    SavedModelExporter.export(model, weights, dir);
    assertFalse(Files.exists(leftover));
    assertTrue(Files.isRegularFile(dir.resolve("saved_model.pb")));
  }

  @Test
  void anExportMayJoinFilesItIsToldToKeep(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("both"));
    Files.writeString(dir.resolve("weights.json"), "{}");
    assertThrows(IllegalArgumentException.class,
        () -> SavedModelExporter.checkTarget(dir), "not without being told");
    SavedModelExporter.export(model, weights, dir, Set.of("weights.json"), staging -> { });
    assertTrue(names(dir).containsAll(List.of("saved_model.pb", "variables", "weights.json")));
    SavedModelInspector.validate(dir);
  }
}
