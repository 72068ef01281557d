package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.progress.Progress;

/**
 * The PR table read in one pass, its page blocks read where they lie as the records are split:
 * every kept row's outcome is the one its fields give when decoded and read with Jackson, malformed
 * pages are listed in file order with Jackson's reasons, and a CSV error stops the table at its line.
 */
class BotPrTableTest {
  private static final String BOT = "{\"name\":\"SFconvertbot\",\"isHf\":false}";

  private static String user(String name, boolean hf) {
    return "{\"name\":\"" + name + "\",\"isHf\":" + hf + "}";
  }

  private static String discussion(int n, String opener, String created) {
    String comment = "{\"author\":" + user("user" + (n % 7), n % 3 == 0) + ",\"createdAt\":\"2024-01-02T00:00:00.000Z\","
        + "\"type\":\"comment\",\"data\":{\"hidden\":false,\"latest\":{\"raw\":\"thanks, \\\"merged\\\" " + n
        + " words\\nhere\"}}}";
    String status = "{\"author\":" + user("owner" + (n % 5), n % 2 == 0) + ",\"createdAt\":\"2024-01-0" + (1 + n % 8)
        + "T10:00:00.000Z\",\"type\":\"status-change\",\"data\":{\"status\":\"" + (n % 4 == 0 ? "closed" : "merged")
        + "\"}}";
    String events = n % 5 == 0 ? "" : n % 5 == 1 ? comment : comment + "," + status;
    return "{\"discussion\":{\"title\":\"Adding `safetensors` variant " + (n % 3) + "\",\"author\":" + opener
        + ",\"createdAt\":\"" + created + "\",\"events\":[" + events + "]}}";
  }

  private static String header(int n) {
    return "{\"discussion\":{\"status\":\"" + (n % 3 == 0 ? "open" : "merged") + "\",\"filesWithConflicts\":"
        + (n % 11 == 0 ? "[\"model.bin\"]" : n % 13 == 0 ? "true" : "[]") + "}}";
  }

  private static String field(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  /** Rows of every kind: kept, left out by each step, and malformed pages, spread over the table. */
  private static String table(int rows) {
    StringBuilder csv = new StringBuilder("pr_url,discussion_metadata,header_metadata,model_id,time\n");
    for (int n = 0; n < rows; n++) {
      String model = "org/model-" + (n % 37);
      String url = (n % 29 == 3 ? "https://huggingface.co/spaces/safetensors/convert/discussions/" : "https://huggingface.co/"
          + model + "/discussions/") + n;
      String time = n % 23 == 5 ? "2024-09-15T10:00:00.000Z" : n % 31 == 7 ? "" : "2024-0" + (1 + n % 8) + "-01T00:00:00.000Z";
      String created = n % 17 == 2 ? "not a time" : "2024-01-01T00:00:00.000Z";
      String disc = n % 19 == 4 ? "{\"discussion\":{\"title\":\"cut short\"," : discussion(n, n % 6 == 0 ? user("person" + n, false) : BOT, created);
      String head = n % 41 == 9 ? "{\"discussion\":{}}" : header(n);
      if (n % 43 == 10) {
        disc = "not json";
      }
      csv.append(url).append(',').append(field(disc)).append(',').append(n % 47 == 11 ? "" : field(head)).append(',')
          .append(model).append(',').append(time).append('\n');
    }
    return csv.toString();
  }

  private static Path write(Path dir, String csv) throws Exception {
    Path file = dir.resolve(BotPullRequests.CSV_NAME);
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  /** Everything a table holds, to compare two readings. */
  private static List<Object> contents(Inputs.Parsed<BotPrTable> parsed) {
    BotPrTable t = parsed.value();
    return List.of(t.prs(), t.nov2024Prs(), t.malformed(), java.util.Arrays.toString(t.finalSteps()),
        java.util.Arrays.toString(t.nov2024Steps()),
        t.finalCoverage(), t.nov2024Coverage(), parsed.sha256());
  }

  /** Each row's outcome from its decoded fields, pages read with Jackson: the PR, or the malformed page's entry. */
  private static Map<String, Object> reference(Path file) {
    Map<String, Object> outcomes = new HashMap<>();
    CsvColumns.forEach(file, BotPullRequests.COLUMNS, v -> {
      Object outcome;
      try {
        BotDiscussion discussion = BotPrPageParser.parseDiscussion(v[1]);
        BotPrHeader header = BotPrPageParser.parseHeader(v[2]);
        outcome = BotPrOutcome.of(v[0], v[3], v[4], LocalDate.parse(v[4].substring(0, 10)), discussion, header,
            new BotPrOutcome.Shared());
      } catch (BotPrPageParser.MalformedPageException | java.time.format.DateTimeParseException e) {
        outcome = v[0] + ": " + e.getMessage();
      } catch (RuntimeException e) {
        outcome = e; // a row the table leaves out (no time, say)
      }
      outcomes.put(v[0], outcome);
    });
    return outcomes;
  }

  @Test
  void keptRowsGiveTheOutcomesOfTheirFieldsReadWithJacksonAndMalformedPagesInFileOrder(@TempDir Path dir)
      throws Exception {
    Path file = write(dir, table(700));
    BotPrTable t = BotPrTable.read(file, Progress.silent()).value();
    assertThat(t.prs()).hasSizeGreaterThan(300);
    assertThat(t.nov2024Prs()).hasSizeGreaterThan(300);
    assertThat(t.malformed()).hasSizeGreaterThan(50);
    Map<String, Object> reference = reference(file);
    for (List<BotPrOutcome> prs : List.of(t.prs(), t.nov2024Prs())) {
      for (BotPrOutcome pr : prs) {
        assertThat(pr).isEqualTo(reference.get(pr.prUrl()));
      }
    }
    List<Integer> rows = new ArrayList<>();
    for (String m : t.malformed()) {
      String url = m.substring(0, m.indexOf(": "));
      assertThat(m).isEqualTo(reference.get(url));
      rows.add(Integer.parseInt(url.substring(url.lastIndexOf('/') + 1)));
    }
    assertThat(rows).isSorted();
    assertThat(t.malformed()).anyMatch(m -> m.contains("has no discussion status"))
        .anyMatch(m -> m.contains("malformed discussion JSON")).anyMatch(m -> m.contains("not a time"));
  }

  @Test
  void aCsvErrorIsRaisedAtItsLine(@TempDir Path dir) throws Exception {
    String csv = table(200);
    // line 152 (row 150) gets an extra field: the table stops there, as pandas does
    String[] lines = csv.split("\n", -1);
    lines[151] = lines[151] + ",extra";
    Path file = write(dir, String.join("\n", lines));
    assertThatThrownBy(() -> BotPrTable.read(file, Progress.silent())).isInstanceOf(StudyDataException.class)
        .hasMessageContaining(":152: 6 fields, but the header has 5");
  }

  @Test
  void pageTimesReadDigitByDigitAreInstantParsesAndOtherTextIsLeftToIt() {
    java.util.Random random = new java.util.Random(20261206);
    List<String> texts = new ArrayList<>(List.of("2024-02-29T23:59:59.999Z", "2023-02-29T10:00:00.000Z",
        "2024-02-30T10:00:00Z", "2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z", "2024-01-00T10:00:00Z",
        "2024-04-31T10:00:00.000Z", "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2016-12-31T23:59:60Z",
        "2024-01-01T10:00:00.000z", "2024-01-01T10:00:00+01:00", "2024-01-01T10:00:00.123456789Z",
        "2024-01-01T10:00:00.1Z", "2024-01-01 10:00:00.000Z", "2024-1-01T10:00:00.000Z", "not a time", "",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z", "2024-01-01T10:00:00.-01Z"));
    for (int k = 0; k < 20_000; k++) {
      java.time.Instant t = java.time.Instant.ofEpochMilli(random.nextLong(-5_000_000_000_000L, 8_000_000_000_000L));
      String text = t.toString();
      texts.add(text);
      texts.add(text.length() > 20 && text.endsWith("Z") ? text.substring(0, 19) + ".000Z" : text);
    }
    for (String text : texts) {
      Object expected;
      Object actual;
      try {
        expected = java.time.Instant.parse(text);
      } catch (RuntimeException e) {
        expected = e.getClass() + ": " + e.getMessage();
      }
      try {
        actual = BotPrOutcome.instant(text);
      } catch (RuntimeException e) {
        actual = e.getClass() + ": " + e.getMessage();
      }
      assertThat(actual).as(text).isEqualTo(expected);
    }
  }
}
