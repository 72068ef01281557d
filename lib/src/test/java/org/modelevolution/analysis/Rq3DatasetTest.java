package org.modelevolution.analysis;

import org.modelevolution.study.BotPrOutcome;
import org.modelevolution.study.BotPrTable;
import org.modelevolution.study.DiscussionActivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study's dataset steps on a hand-made PR table whose every row exercises one rule. */
class Rq3DatasetTest {
  static final String BOT = "{\"name\":\"SFconvertbot\",\"isHf\":false}";

  static String user(String name, boolean hf) {
    return "{\"name\":\"" + name + "\",\"isHf\":" + hf + "}";
  }

  static String comment(String author, String time, String text, boolean hidden) {
    return "{\"author\":" + author + ",\"createdAt\":\"" + time + "\",\"type\":\"comment\",\"data\":{\"hidden\":"
        + hidden + ",\"latest\":{\"raw\":\"" + text + "\"}}}";
  }

  static String status(String author, String time, String status) {
    return "{" + (author == null ? "" : "\"author\":" + author + ",") + "\"createdAt\":\"" + time
        + "\",\"type\":\"status-change\",\"data\":{\"status\":\"" + status + "\"}}";
  }

  static String discussion(String opener, String created, String... events) {
    return "{\"discussion\":{\"title\":\"Adding `safetensors` variant of this model\",\"author\":" + opener
        + ",\"createdAt\":\"" + created + "\",\"events\":[" + String.join(",", events) + "]}}";
  }

  static String header(String status, String... conflicts) {
    StringBuilder files = new StringBuilder();
    for (String c : conflicts) {
      files.append(files.length() == 0 ? "" : ",").append('"').append(c).append('"');
    }
    return "{\"discussion\":{\"status\":\"" + status + "\",\"filesWithConflicts\":[" + files + "]}}";
  }

  static String csvField(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  static String row(String url, String discussion, String header, String model, String time) {
    return String.join(",", url, csvField(discussion), csvField(header), model, time) + "\n";
  }

  static Path zip(Path dir, String csv) throws Exception {
    Path file = dir.resolve("sfconvertbot_pr_metadata.csv.zip");
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("sfconvertbot_pr_metadata.csv"));
      zip.write(csv.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return file;
  }

  static String table() {
    String t0 = "2023-03-21T10:00:00.000Z";
    StringBuilder csv = new StringBuilder("pr_url,discussion_metadata,header_metadata,model_id,time\n");
    // 1. merged by HF staff one day later
    csv.append(row("https://huggingface.co/a/m1/discussions/1",
        discussion(BOT, t0, comment(BOT, t0, "automated PR", false), status(user("hf", true), "2023-03-22T10:00:00.000Z", "merged")),
        header("merged"), "a/m1", t0));
    // 2. closed by the bot, re-opened by HF staff, closed by a deleted account (no author key)
    csv.append(row("https://huggingface.co/a/m1/discussions/2",
        discussion(BOT, t0, status(BOT, "2023-03-21T11:00:00.000Z", "closed"), status(user("hf", true), "2023-03-21T12:00:00.000Z", "open"),
            status(null, "2023-03-21T13:00:00.000Z", "closed")),
        header("closed", "model.safetensors"), "a/m1", t0));
    // 2b. closed by a deleted account first: a human response, not HF staff
    csv.append(row("https://huggingface.co/b/m2/discussions/1",
        discussion(BOT, "2022-11-07T13:00:55.000Z", status(null, "2022-11-08T13:00:55.000Z", "closed")),
        header("closed"), "b/m2", "2022-11-07T13:00:55.000Z"));
    // 3. open with conflicts, a relevant discussion: user opener + owner comment (hidden one not counted)
    csv.append(row("https://huggingface.co/c/m3/discussions/4",
        discussion(user("alice", false), "2024-08-31T23:59:59.000Z", comment(user("alice", false), t0, "please merge this one", false),
            comment(user("bob", false), t0, "ok", false), comment(user("carol", false), t0, "hidden words here", true)),
        header("open", "a.bin"), "c/m3", "2024-08-31T23:59:59.000Z"));
    // 4. after the cut-off (kept by the November 2024 order only)
    csv.append(row("https://huggingface.co/d/m4/discussions/1", discussion(BOT, "2024-09-01T00:00:00.000Z"),
        header("open"), "d/m4", "2024-09-01T00:00:00.000Z"));
    // 5. missing value: pandas reads "None" as NaN
    csv.append(row("https://huggingface.co/e/m5/discussions/1", discussion(BOT, t0), header("open"), "None", t0));
    // 6. HTTP error page: no model, no time (falls out at the date step)
    csv.append("https://huggingface.co/f/m6/discussions/1,HTTP Error (status code: 404),HTTP Error (status code: 404),,\n");
    // 7. no events block: empty discussion metadata (missing)
    csv.append(row("https://huggingface.co/g/m7/discussions/1", "", header("open"), "g/m7", t0).replace(",\"\",", ",,"));
    // 8. a non-JSON text that is not missing
    csv.append(row("https://huggingface.co/h/m8/discussions/1", "<html>", header("open"), "h/m8", t0));
    // 9. a PR on the converter Space
    csv.append(row("https://huggingface.co/spaces/safetensors/convert/discussions/9", discussion(BOT, t0),
        header("open"), "safetensors/convert", t0));
    return csv.toString();
  }

  @Test
  void reproducesTheStudysStepCountsAndFormats(@TempDir Path dir) throws Exception {
    BotPrTable data = BotPrTable.load(zip(dir, table()));

    assertThat(Rq3.stats(data).rows()).containsExactly(
        java.util.Map.entry("Number of collected PRs", "8.0"),
        java.util.Map.entry("Number of PRs after removing missing values", "6.0"),
        java.util.Map.entry("Number of PRs after removing invalid JSONs", "5.0"),
        java.util.Map.entry("Number of PRs after filtering by URL", "4.0"),
        java.util.Map.entry("Number of repositories", "3.0"),
        java.util.Map.entry("Average number of PRs per repository", "1.3333333333333333"),
        java.util.Map.entry("First commit time", "2022-11-07T13:00:55.000Z"),
        java.util.Map.entry("Last commit time", "2024-08-31T23:59:59.000Z"),
        java.util.Map.entry("Number of PRs made by HF staff", "2"),
        java.util.Map.entry("Number of PRs made by non-HF staff", "2"));
    assertThat(Rq3.nov2024Stats(data).get("Number of PRs collected from SFConvertBot Community Activity")).hasValue("10.0");
    assertThat(Rq3.nov2024Stats(data).get("Number of PRs after filtering by date")).hasValue("6.0");
    assertThat(Rq3.nov2024Stats(data).get("Number of PRs after filtering by URL")).hasValue("5.0");
    assertThat(data.malformed()).isEmpty();
  }

  @Test
  void labelsStatusesResponsesAndRelevantDiscussions(@TempDir Path dir) throws Exception {
    List<BotPrOutcome> prs = BotPrTable.load(zip(dir, table())).prs();

    assertThat(prs).extracting(BotPrOutcome::statusLabel)
        .containsExactly("merged", "closed (has conflicts)", "closed", "open (has conflicts)");
    assertThat(prs).extracting(BotPrOutcome::hfStaff).containsExactly(true, true, false, false);
    assertThat(prs.get(0).firstResponse()).hasValue(Duration.ofDays(1));
    // PR 2: the bot's own change is skipped; the first human change is the HF user's re-opening at 12:00
    assertThat(prs.get(1).firstResponse()).hasValue(Duration.ofHours(2));
    assertThat(prs.get(1).statusChanges()).containsExactly("closed", "open", "closed");
    assertThat(prs.get(2).firstResponse()).hasValue(Duration.ofDays(1));
    assertThat(prs.get(3).firstResponse()).isEmpty();
    DiscussionActivity relevant = prs.get(3).activity();
    assertThat(relevant.comments()).isEqualTo(2);
    assertThat(relevant.participants()).containsExactly("alice", "bob");
    assertThat(relevant.averageCommentSize()).isEqualTo(2.5);
    assertThat(relevant.isRelevant(DiscussionActivity.CODE_MIN_AVERAGE_WORDS)).isTrue();
    assertThat(relevant.isRelevant(DiscussionActivity.STATED_MIN_AVERAGE_WORDS)).isFalse();
    assertThat(prs.get(0).activity().isRelevant(0)).isFalse();
  }

  @Test
  void listsUnparseablePagesInsteadOfStopping(@TempDir Path dir) throws Exception {
    String csv = "pr_url,discussion_metadata,header_metadata,model_id,time\n"
        + row("https://huggingface.co/a/b/discussions/1", "{\"discussion\":{\"events\":[", header("open"), "a/b",
            "2023-01-01T00:00:00.000Z");
    BotPrTable data = BotPrTable.load(zip(dir, csv));

    assertThat(Rq3.stats(data).get("Number of PRs after filtering by URL")).hasValue("1.0");
    assertThat(data.prs()).isEmpty();
    assertThat(data.malformed()).singleElement().asString().startsWith("https://huggingface.co/a/b/discussions/1: malformed");
  }

  @Test
  void corruptOrForeignTablesFailWithTheFileNamed(@TempDir Path dir) throws Exception {
    Path good = zip(dir, table());
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = dir.resolve("truncated").resolve("sfconvertbot_pr_metadata.csv.zip");
    Files.createDirectories(truncated.getParent());
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BotPrTable.load(truncated))
        .hasMessageContaining(truncated.toString());

    Path foreign = dir.resolve("foreign").resolve("sfconvertbot_pr_metadata.csv");
    Files.createDirectories(foreign.getParent());
    Files.writeString(foreign, "url,status\nhttps://huggingface.co/a/b/discussions/1,open\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> BotPrTable.load(foreign))
        .hasMessageContaining("unexpected columns");
  }
}
