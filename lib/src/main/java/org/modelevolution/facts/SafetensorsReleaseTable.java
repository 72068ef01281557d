package org.modelevolution.facts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.modelevolution.io.AtomicFiles;

/**
 * Derives the release markers of the RQ1 figures ({@code data/safetensors-releases.csv}) from the
 * tag table of the safetensors repository ({@code ../shared/facts/safetensors-tags.csv}) by the
 * study's rule ({@code nb_utils.get_safetensors_releases}): a tag's date is the day of its creator
 * date in its own UTC offset (what {@code git for-each-ref --format=%(creatordate:short)} printed
 * for the study); tags containing {@code rc} are dropped; of the tags sharing a date the first in
 * descending tag order is kept (so {@code v0.2.6} wins over {@code python-v0.2.6}); the
 * {@code python-} prefix is stripped; rows are ordered by date.
 *
 * <p>Run {@code main(facts, out)} to regenerate the table.
 */
public final class SafetensorsReleaseTable {
  /** The rule, as written into every row's {@code source} column. */
  public static final String RULE =
      "tag date = day of tag_date in its own offset; tags containing 'rc' dropped; one tag per date"
          + " (first in descending tag order, so v0.2.6 over python-v0.2.6); 'python-' stripped";

  /** One derived release: its tag as the study labels it and its date. */
  public record Release(String tag, LocalDate date) {}

  private SafetensorsReleaseTable() {}

  /**
   * Applies the study's rule to {@code (tag, tag_date)} pairs; {@code tag_date} is ISO-8601 with
   * an offset ({@code 2022-09-23T11:56:49+02:00}) or a bare date.
   */
  public static List<Release> derive(List<String[]> tagAndDate) {
    List<String[]> kept = new ArrayList<>();
    for (String[] row : tagAndDate) {
      if (!row[0].contains("rc")) {
        kept.add(new String[] {row[0], localDay(row[1]).toString()});
      }
    }
    kept.sort(Comparator.<String[], String>comparing(r -> r[1]).thenComparing(r -> r[0], Comparator.reverseOrder()));
    Map<String, String[]> perDate = new LinkedHashMap<>();
    for (String[] row : kept) {
      perDate.putIfAbsent(row[1], row);
    }
    return perDate.values().stream()
        .map(r -> new Release(r[0].replace("python-", ""), LocalDate.parse(r[1])))
        .toList();
  }

  /** The calendar day of an ISO date-time in its own offset (the first ten characters). */
  static LocalDate localDay(String isoDateTime) {
    String s = isoDateTime.trim();
    if (s.length() < 10) {
      throw new IllegalArgumentException("not an ISO date: '" + isoDateTime + "'");
    }
    return LocalDate.parse(s.substring(0, 10));
  }

  /** Reads {@code tag} and {@code tag_date} from the facts table (header row, no quoted fields). */
  public static List<String[]> readTags(Path factsCsv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(factsCsv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + factsCsv, e);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(factsCsv + " is empty");
    }
    List<String> header = List.of(lines.get(0).split(",", -1));
    int tag = header.indexOf("tag");
    int date = header.indexOf("tag_date");
    if (tag < 0 || date < 0) {
      throw new IllegalArgumentException(factsCsv + " has no tag/tag_date columns: " + header);
    }
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] fields = lines.get(i).split(",", -1);
      if (fields.length <= Math.max(tag, date)) {
        throw new IllegalArgumentException(factsCsv + " line " + (i + 1) + " has too few fields");
      }
      rows.add(new String[] {fields[tag], fields[date]});
    }
    return rows;
  }

  /** The derived table as CSV text: {@code tag,date,source}, the source naming file and rule. */
  public static String toCsv(List<Release> releases, String sourceName) {
    StringBuilder out = new StringBuilder("tag,date,source\n");
    String source = '"' + (sourceName + ": " + RULE).replace("\"", "\"\"") + '"';
    for (Release r : releases) {
      out.append(r.tag()).append(',').append(r.date()).append(',').append(source).append('\n');
    }
    return out.toString();
  }

  /** Regenerates the table: {@code main(factsCsv, outCsv)}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: SafetensorsReleaseTable <safetensors-tags.csv> <out.csv>");
    }
    Path facts = Path.of(args[0]);
    String csv = toCsv(derive(readTags(facts)), "shared/facts/safetensors-tags.csv");
    AtomicFiles.write(Path.of(args[1]), csv.getBytes(StandardCharsets.UTF_8));
  }
}
