package org.modelevolution.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DetectCommandTest {
  private static Path corpus() {
    Path root = Path.of(System.getProperty("shared.dir", "../../shared"), "formats-corpus");
    assumeTrue(Files.isDirectory(root), "formats corpus not found at " + root);
    return root;
  }

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString());
  }

  @Test
  void jsonLinesHaveTheDocumentedFields() throws Exception {
    Path root = corpus();
    String pickle = root.resolve("edge/os_system_reduce.pkl").toString();
    String st = root.resolve("safetensors/f16_bf16.safetensors").toString();
    Run run = run("detect", "--json", pickle, st);

    assertThat(run.exit()).as("a dangerous file gives exit 3").isEqualTo(3);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("path").asText()).isEqualTo(pickle);
    assertThat(first.get("format").asText()).isEqualTo("pickle");
    assertThat(first.get("studyLabel").asText()).isEqualTo("pickle");
    assertThat(first.get("bytesRead").asLong()).isPositive();
    assertThat(first.get("pickleGlobals").get(0).asText()).isEqualTo("posix.system");
    assertThat(first.get("pickleVerdict").asText()).isEqualTo("dangerous");
    assertThat(first.get("evidence").get(0).has("offset")).isTrue();
    JsonNode scan = first.get("pickle");
    assertThat(scan.get("verdict").asText()).isEqualTo("dangerous");
    assertThat(scan.get("completeness").asText()).isEqualTo("complete");
    assertThat(scan.get("rule").asText()).isEqualTo("deny posix.*");
    assertThat(scan.get("policyVersion").asText()).isNotBlank();
    assertThat(scan.get("imports").get(0).get("offset").asLong()).isNotNegative();
    assertThat(scan.get("imports").get(0).get("rule").asText()).isEqualTo("deny posix.*");
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("format").asText()).isEqualTo("safetensors");
    assertThat(second.get("pickleGlobals")).isEmpty();
    assertThat(second.get("pickleVerdict").asText()).isEqualTo("not_applicable");
  }

  @Test
  void dashReadsPathsFromStdinAndMissingFilesGiveExitOne() {
    Path root = corpus();
    String input = root.resolve("gguf/q8_v3.gguf") + "\n\n" + root.resolve("does/not/exist.bin") + "\n";
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      Run run = run("detect", "--json", "-");
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out().lines()).hasSize(2);
      assertThat(run.out().lines().toList().get(0)).contains("\"format\":\"gguf\"");
      assertThat(run.out().lines().toList().get(1)).contains("\"format\":\"unknown\"").contains("no such file");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void sarifListsTheDangerousImportAndStrictTurnsUnlistedDangerous() throws Exception {
    Path root = corpus();
    String pickle = root.resolve("edge/os_system_reduce.pkl").toString();
    String module = root.resolve("torch_zip/mlp_full_module.pth").toString();
    Run sarif = run("detect", "--sarif", pickle, module);
    assertThat(sarif.exit()).isEqualTo(3);
    JsonNode log = new ObjectMapper().readTree(sarif.out());
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    JsonNode results = log.get("runs").get(0).get("results");
    assertThat(results).anyMatch(r -> r.get("ruleId").asText().equals("PKL001") && r.get("level").asText().equals("error")
        && r.get("properties").get("import").asText().equals("posix.system"));
    assertThat(results).anyMatch(r -> r.get("ruleId").asText().equals("PKL002") && r.get("level").asText().equals("warning"));

    assertThat(run("detect", module).exit()).as("suspicious only: exit 0").isZero();
    Run strict = run("detect", "--json", "--strict", module);
    assertThat(strict.exit()).as("unlisted imports are dangerous with --strict").isEqualTo(3);
    JsonNode line = new ObjectMapper().readTree(strict.out().lines().findFirst().orElseThrow());
    assertThat(line.get("pickle").get("verdict").asText()).isEqualTo("dangerous");
    assertThat(line.get("pickle").get("strict").asBoolean()).isTrue();
    assertThat(run("detect", "--json", "--sarif", module).exit()).isEqualTo(2);
  }

  @Test
  void usageErrorIsExitTwo() {
    assertThat(run("detect").exit()).isEqualTo(2);
    assertThat(run("detect", "--no-such-option", "x").exit()).isEqualTo(2);
  }

  @Test
  void textOutputGivesTheReasonOfEveryInputNotReadAndEscapesControlCharacters(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    Path gguf = corpus().resolve("gguf/q8_v3.gguf");
    Path folder = Files.createDirectories(tmp.resolve("models"));
    Files.copy(gguf, folder.resolve("evil\nforged\tgguf\tsafetensors.bin"));
    Files.copy(gguf, folder.resolve("plain.gguf"));
    Path missing = tmp.resolve("missing.bin");
    Run run = run("detect", folder.toString(), missing.toString(), tmp.toString() + "/models/plain.gguf/x.bin");

    List<String> lines = run.out().lines().toList();
    assertThat(lines).as("one line per input, whatever the names hold").hasSize(4);
    assertThat(lines.get(0)).startsWith("evil\\nforged\\tgguf\\tsafetensors.bin\tgguf\t");
    assertThat(lines.get(0).split("\t")).hasSize(4);
    assertThat(lines.get(1)).startsWith("plain.gguf\tgguf\t");
    assertThat(lines.get(2)).isEqualTo(missing + "\tunknown\tundetermined\t0 bytes read\tnot read: no such file");
    assertThat(lines.get(3)).contains("\tnot read: ");
    assertThat(run.exit()).isEqualTo(1);
  }

  @Test
  void escapingLeavesOrdinaryNamesAloneAndMakesEveryControlCharacterVisible() {
    assertThat(DetectCommand.escaped("models/bert base/model.safetensors")).isEqualTo("models/bert base/model.safetensors");
    assertThat(DetectCommand.escaped("a\tb\nc\rd\\e\u001bf\u2028g")).isEqualTo("a\\tb\\nc\\rd\\\\e\\x1bf\\u2028g");
  }
}
