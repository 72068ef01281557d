package org.modelevolution.perception;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.modelevolution.io.AtomicFiles;

/**
 * The spreadsheet of the manual labelling step: {@link #export} writes one row per post to judge
 * (with any verdict and codes already in the coding database), coders fill in
 * {@code is_true_positive}, {@code concepts} ({@code ;}-separated code names) and {@code comments},
 * and {@link #read} and {@link #apply} bring the labels back into a {@link Coding} that
 * {@link CodingDatabase#write} stores in the study's schema.
 */
public final class CodingSheet {
  /** The sheet's columns, in order. */
  public static final List<String> COLUMNS = List.of("rank", "relevance", "sampled", "key", "post_id", "source",
      "item_type", "url", "title", "text", "is_true_positive", "concepts", "comments");
  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  private CodingSheet() {}

  /**
   * A row to export.
   *
   * @param postId the post's id in the coding database, or null when it is not there yet
   * @param isTruePositive the current verdict (null: not judged)
   * @param concepts names of the codes already assigned
   */
  public record Row(int rank, String relevance, boolean sampled, String key, Long postId, String source,
      String itemType, String url, String title, String text, Boolean isTruePositive, List<String> concepts,
      String comments) {
    public Row {
      concepts = List.copyOf(concepts);
    }
  }

  /** A coder's labels for one post, read back from a sheet. */
  public record Label(String key, Long postId, Boolean isTruePositive, List<String> concepts, String comments) {
    public Label {
      concepts = List.copyOf(concepts);
    }
  }

  /** The source and JSON content of a post that is not in the coding database yet. */
  public record PostDraft(String source, String content) {}

  public static Path export(List<Row> rows, Path file) {
    StringBuilder csv = new StringBuilder();
    appendLine(csv, COLUMNS);
    for (Row r : rows) {
      appendLine(csv, List.of(String.valueOf(r.rank()), r.relevance(), r.sampled() ? "1" : "0", r.key(),
          r.postId() == null ? "" : String.valueOf(r.postId()), r.source(), r.itemType(), r.url(), r.title(), r.text(),
          r.isTruePositive() == null ? "" : r.isTruePositive() ? "1" : "0", String.join(";", r.concepts()),
          r.comments()));
    }
    AtomicFiles.writeString(file, csv.toString());
    return file;
  }

  /**
   * Reads the labels of a filled-in sheet. Rows with neither a verdict, codes nor comments are
   * skipped (not judged yet).
   *
   * @throws IllegalArgumentException naming the line of a malformed value
   */
  public static List<Label> read(Path file) {
    List<Label> labels = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(file.toFile())) {
      if (!it.hasNext()) {
        return labels;
      }
      List<String> header = Arrays.asList(it.next());
      for (String required : List.of("key", "is_true_positive", "concepts", "comments")) {
        if (!header.contains(required)) {
          throw new IllegalArgumentException(file + ": missing column " + required);
        }
      }
      int line = 1;
      while (it.hasNext()) {
        line++;
        String[] fields = it.next();
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size() && i < fields.length; i++) {
          row.put(header.get(i), fields[i]);
        }
        String verdict = row.getOrDefault("is_true_positive", "").strip();
        String concepts = row.getOrDefault("concepts", "").strip();
        String comments = row.getOrDefault("comments", "");
        if (verdict.isEmpty() && concepts.isEmpty() && comments.isBlank()) {
          continue;
        }
        String key = row.getOrDefault("key", "").strip();
        if (key.isEmpty()) {
          throw new IllegalArgumentException(file + " row " + line + ": empty key");
        }
        String postId = row.getOrDefault("post_id", "").strip();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : concepts.split(";")) {
          if (!name.isBlank()) {
            names.add(name.strip());
          }
        }
        try {
          labels.add(new Label(key, postId.isEmpty() ? null : Long.parseLong(postId), parseVerdict(verdict),
              new ArrayList<>(names), comments));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " row " + line + ": " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read coding sheet " + file, e);
    }
    return labels;
  }

  /**
   * The coding with the labels applied: verdicts, comments and code links replace those of the
   * labelled posts; code names not yet known become new codes (next free id); labelled posts not
   * in the coding are added from {@code drafts} (next free id).
   *
   * @throws IllegalArgumentException when a label names a post that is neither in the coding nor in the drafts
   */
  public static Coding apply(Coding coding, List<Label> labels, Map<String, PostDraft> drafts) {
    List<Concept> concepts = new ArrayList<>(coding.concepts());
    long nextConcept = concepts.stream().mapToLong(Concept::id).max().orElse(0) + 1;
    Map<String, Long> conceptIds = new HashMap<>();
    concepts.forEach(c -> conceptIds.putIfAbsent(c.name(), c.id()));
    Map<Long, CodedPost> posts = new java.util.TreeMap<>();
    Map<String, Long> postIds = new HashMap<>();
    for (CodedPost p : coding.posts()) {
      posts.put(p.id(), p);
      postIds.putIfAbsent(PostKey.ofJson(p.content()), p.id());
    }
    long nextPost = posts.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    for (Label label : labels) {
      List<Long> ids = new ArrayList<>();
      for (String name : label.concepts()) {
        Long id = conceptIds.get(name);
        if (id == null) {
          id = nextConcept++;
          concepts.add(new Concept(id, name, "", List.of()));
          conceptIds.put(name, id);
        }
        ids.add(id);
      }
      Long postId = label.postId() != null && posts.containsKey(label.postId()) ? label.postId()
          : postIds.get(label.key());
      if (postId == null) {
        PostDraft draft = drafts.get(label.key());
        if (draft == null) {
          throw new IllegalArgumentException("label for unknown post " + label.key());
        }
        postId = nextPost++;
        posts.put(postId, new CodedPost(postId, draft.source(), draft.content(), null, "", List.of()));
        postIds.put(label.key(), postId);
      }
      posts.put(postId, posts.get(postId).withCoding(label.isTruePositive(), label.comments(), ids));
    }
    return new Coding(new ArrayList<>(posts.values()), concepts, coding.categories());
  }

  private static Boolean parseVerdict(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "" -> null;
      case "1", "true", "yes", "y" -> Boolean.TRUE;
      case "0", "false", "no", "n" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("is_true_positive must be 1/0/true/false/yes/no, not '" + value + "'");
    };
  }

  private static void appendLine(StringBuilder csv, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
      csv.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
    }
    csv.append('\n');
  }
}
