package org.modelevolution.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.formats.BypassCorpus;
import org.modelevolution.formats.ByteArraySource;
import org.modelevolution.formats.Detector;
import org.modelevolution.formats.PickleScan;
import org.modelevolution.formats.PickleVerdict;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.hub.HubClient;
import org.modelevolution.hub.SecurityFileStatus;
import org.modelevolution.hub.TreeEntry;

/** Our verdicts beside the Hub's pickle scan, from a real expand=true tree listing served over HTTP. */
class SecurityCrossCheckTest {
  @TempDir Path dir;

  private static final String LISTING = """
      [
        {"type": "file", "oid": "1111111111111111111111111111111111111111", "size": 1000, "path": "pytorch_model.bin",
         "securityFileStatus": {"status": "safe", "pickleImportScan": {"status": "safe", "pickleImports": [
           {"module": "torch._utils", "name": "_rebuild_tensor_v2", "safety": "innocuous"},
           {"module": "collections", "name": "OrderedDict", "safety": "innocuous"},
           {"module": "torch", "name": "FloatStorage", "safety": "innocuous"}]}}},
        {"type": "file", "oid": "2222222222222222222222222222222222222222", "size": 60, "path": "evil.pkl",
         "securityFileStatus": {"status": "safe", "pickleImportScan": {"status": "safe", "pickleImports": []}}},
        {"type": "file", "oid": "3333333333333333333333333333333333333333", "size": 60, "path": "queued.pkl",
         "securityFileStatus": {"status": "queued"}}
      ]""";

  @Test
  void recordsBothVerdictsAndReportsDisagreements() throws Exception {
    Path corpus = Path.of(System.getProperty("shared.dir", "../../shared"), "formats-corpus");
    assumeTrue(Files.isDirectory(corpus), "formats corpus not found");
    List<TreeEntry> tree;
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(LISTING).build());
      Endpoint endpoint = Service.HUGGING_FACE.endpoint(Map.of("HF_ENDPOINT", server.url("/").toString()));
      tree = HubClient.create(endpoint, RetryPolicy.standard().withSleeper(d -> { })).tree("acme-lab/tiny", "main", true);
    }
    Detector detector = Detector.withDefaults();
    Map<String, PickleScan> ours = Map.of(
        "pytorch_model.bin", detector.detect(corpus.resolve("torch_zip/linear_state_dict.pt")).pickle(),
        "evil.pkl", detector.detect(corpus.resolve("edge/os_system_reduce.pkl")).pickle(),
        "queued.pkl", detector.detect(corpus.resolve("edge/os_system_proto0.pkl")).pickle());
    SecurityCrossCheck check = new SecurityCrossCheck();
    for (TreeEntry e : tree) {
      check.compare("acme-lab/tiny", "main", e.path(), ours.get(e.path()), e.security());
    }

    assertThat(check.rows()).hasSize(3);
    SecurityCrossCheck.Row agreeing = check.rows().get(0);
    assertThat(agreeing.hubVerdict()).contains(PickleVerdict.SAFE);
    assertThat(agreeing.disagrees()).as(agreeing.onlyOurs() + " " + agreeing.onlyHub()).isFalse();
    assertThat(check.disagreements()).extracting(SecurityCrossCheck.Row::path).containsExactly("evil.pkl");
    assertThat(check.disagreements().get(0).onlyOurs()).containsExactly("posix.system");
    assertThat(check.rows().get(2).hubVerdict()).as("queued: no Hub verdict, not compared").isEmpty();
    assertThat(check.report()).contains("with a Hub pickle verdict 2, agreeing 1, disagreeing 1")
        .contains("evil.pkl: ours dangerous (complete), Hub safe; only ours [posix.system]");

    Path side = dir.resolve("formats_security_sample.csv");
    check.write(side);
    List<String> lines = Files.readAllLines(side);
    assertThat(lines.get(0)).isEqualTo(SecurityCrossCheck.HEADER.strip());
    assertThat(lines).hasSize(4);
    assertThat(lines.get(2)).contains("evil.pkl").contains("dangerous").endsWith("False");
    assertThat(lines.get(3)).contains("queued").endsWith(",");
  }

  private static PickleScan scan(String bypassCase) {
    return Detector.withDefaults().detect(new ByteArraySource(bypassCase, BypassCorpus.bytesOf(bypassCase))).pickle();
  }

  private static Optional<SecurityFileStatus> hub(String status, String... dotted) {
    return Optional.of(new SecurityFileStatus(status, Optional.of(status), java.util.Arrays.stream(dotted)
        .map(d -> new SecurityFileStatus.PickleImport(d.substring(0, d.lastIndexOf('.')), d.substring(d.lastIndexOf('.') + 1), ""))
        .toList()));
  }

  @Test
  void disagreementsAreCountedByKindAndSummariesAddUp() {
    SecurityCrossCheck first = new SecurityCrossCheck();
    first.compare("a/one", "c1", "evil.pkl", scan("os_system_proto0.pkl"), hub("safe"));
    first.compare("a/one", "c1", "truncated.pkl", scan("truncated.pkl"), hub("safe", "collections.OrderedDict"));
    first.compare("a/one", "c1", "state.pkl", scan("benign_state_dict.pkl"), hub("safe", "torch.FloatStorage"));
    first.compare("a/one", "c1", "queued.pkl", scan("os_system_proto0.pkl"),
        Optional.of(new SecurityFileStatus("queued", Optional.empty(), List.of())));
    first.compare("a/one", "c1", "absent.pkl", scan("os_system_proto0.pkl"), Optional.empty());
    SecurityCrossCheck second = new SecurityCrossCheck();
    second.compare("b/two", "c2", "evil.pt", scan("posix_system.pkl"), hub("safe"));

    assertThat(first.rows()).extracting(r -> r.disagreement().orElse("-")).containsExactly("ours dangerous, Hub safe",
        "ours suspicious (incomplete scan), Hub safe", "same verdict, imports differ", "-", "-");
    SecurityCrossCheck.Summary total = first.summary().plus(second.summary());
    assertThat(total.files()).isEqualTo(6);
    assertThat(total.judged()).isEqualTo(4);
    assertThat(total.kinds()).containsExactly(Map.entry("ours dangerous, Hub safe", 2L),
        Map.entry("ours suspicious (incomplete scan), Hub safe", 1L), Map.entry("same verdict, imports differ", 1L));
    assertThat(total.disagreements()).hasSize(4).last().asString().startsWith("b/two@c2 evil.pt: ours dangerous");
    assertThat(total.markdown("T")).startsWith("# T\n\nFiles compared 6, with a Hub pickle verdict 4, agreeing 0, disagreeing 4.\n")
        .contains("| ours suspicious (incomplete scan), Hub safe | 1 |\n").doesNotContain("\r");
    assertThat(SecurityCrossCheck.Summary.EMPTY.plus(first.summary())).isEqualTo(first.summary());
    assertThat(first.csvRows()).doesNotContain("repo_id").hasLineCount(5);
  }
}
