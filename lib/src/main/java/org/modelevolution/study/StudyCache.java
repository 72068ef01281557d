package org.modelevolution.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.modelevolution.io.PandasCsv;
import org.modelevolution.io.Sha256;

/**
 * The committed cache of the study's data ({@code data/cache/}): for every input the reproduction
 * reads, compact tables that our own code derives from the pinned original, holding exactly what
 * the analyses need and nothing else: ids, dates, counts, hashes, formats, flags and numbers, never
 * text others wrote (a commit message becomes a {@code by_converter} flag, a PR title its opener
 * and model id, a coded post its key). {@link Study#load} reads an original when one is present
 * and its cache tables otherwise; both give the same {@link StudyData}, so the results are the same.
 *
 * <p>{@link #build} derives the whole cache from a folder of originals, verifying each against the
 * manifest first; {@link #differences} rebuilds it and lists every file that is not byte-for-byte
 * the committed one, the proof that the checked-in cache is the study's data.
 */
public final class StudyCache {
  /** The cache's folder in a checkout. */
  public static final String DIR = "data/cache";
  /** The command that rebuilds the cache (and, without {@code --write}, checks it). */
  public static final String REBUILD = "java -jar lib/target/safetensors-study.jar reproduce --check-cache --write-cache"
      + " --data ../shared/study";
  private static final String INDEX = "README.md";
  /** The suffix of a table that keeps an original's rows, reduced to facts. */
  private static final String FACTS = ".facts.csv";

  private StudyCache() {}

  /** One column of a cache table: its name and what it holds. */
  record Column(String name, String meaning) {}

  /** One table of the cache: a file name, its columns, and what a row is. */
  record Table(String file, String rows, List<Column> columns) {
    List<String> header() {
      return columns.stream().map(Column::name).toList();
    }
  }

  /**
   * How one original becomes cache tables.
   *
   * @param original the study file's name (as the manifest and {@code STUDY_DATA} name it)
   * @param tables the tables derived from it
   * @param derive reads the original into the tables' rows (header excluded), by table file
   * @param left what of the original the cache leaves out, and why
   */
  record Derivation(String original, List<Table> tables, Deriver derive, String left) {}

  /** Reads an original into cache rows (header excluded), by table file. */
  @FunctionalInterface
  interface Deriver {
    Map<String, List<List<String>>> apply(Path original, PostScorer scorer);
  }

  /**
   * Scores the Stack Overflow posts as the analysis ranks them (the ranking belongs to the
   * analysis, which this package does not depend on): per post, in order, its relevance under the
   * study's ranking ({@code json_content}) and under the title+body variant.
   */
  @FunctionalInterface
  public interface PostScorer {
    List<double[]> score(List<StackOverflowPost> posts);
  }

  /** Every original the cache can stand in for, by name. */
  static final Map<String, Derivation> DERIVATIONS = derivations();

  /** Whether the cache can stand in for {@code original}. */
  static boolean covers(String original) {
    return DERIVATIONS.containsKey(original);
  }

  /** The cache files of {@code original}, relative to the cache folder. */
  static List<String> files(String original) {
    return DERIVATIONS.get(original).tables().stream().map(Table::file).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // The derivations

  private static Map<String, Derivation> derivations() {
    Map<String, Derivation> all = new LinkedHashMap<>();
    for (Group group : Group.values()) {
      additions(all, StudyFiles.byTool(group));
      additions(all, StudyFiles.notByTool(group));
    }
    additions(all, StudyFiles.BY_TOOL_2024);
    additions(all, StudyFiles.NOT_BY_TOOL_2024);
    Table formats = new Table(stem(StudyFiles.EVOLUTION_2024) + FACTS,
        "one per model file changed by a commit that touches model files, in the original's order", List.of(
            new Column("repo_url", "Hugging Face model repository id"),
            new Column("commit_hash", "40-hex commit id"),
            new Column("model_file_path", "repository id + '/' + path of the model file"),
            new Column("serialization_format", "format detected from the file's content"),
            new Column("by_converter", "True when the commit message contains the text the study took for"
                + " the converter's (SafetensorsAddition.CONVERTER_MESSAGE); the message itself is not kept"),
            new Column("date", "commit time 'YYYY-MM-DD HH:MM:SS', as in the original")));
    all.put(StudyFiles.EVOLUTION_2024, new Derivation(StudyFiles.EVOLUTION_2024, List.of(formats),
        (file, scorer) -> Map.of(formats.file(), project(file, List.of("repo_url", "commit_hash", "model_file_path",
            "serialization_format", "message", "date"), 4)), "the commit message (kept as the by_converter flag)"));
    Table status = new Table(stem(BotPrMergeStatus.FILE_NAME) + FACTS,
        "one per conversion PR of the 2024 PR set, in the original's order", List.of(
            new Column("model_id", "model repository id"),
            new Column("discussion", "the PR's discussion number: its URL is https://huggingface.co/<model_id>/discussions/<discussion>"),
            new Column("time", "creation time, as in the original"),
            new Column("merged", "the status marker scraped from the PR page, as in the original")));
    all.put(BotPrMergeStatus.FILE_NAME, new Derivation(BotPrMergeStatus.FILE_NAME, List.of(status),
        (file, scorer) -> Map.of(status.file(), BotPrMergeStatus.derive(file)), "nothing but the URL's fixed text"));
    for (String crawl : StudyFiles.PARTIAL_CRAWLS) {
      Table urls = new Table(stem(crawl) + FACTS, "one per non-empty pr_url of the original, in its order", List.of(
          new Column("model_id", "model repository id"),
          new Column("discussion", "discussion number"),
          new Column("anchor", "the URL's #fragment (a comment id), empty when it has none: the URL is"
              + " https://huggingface.co/<model_id>/discussions/<discussion>[#<anchor>]")));
      all.put(crawl, new Derivation(crawl, List.of(urls), (file, scorer) -> Map.of(urls.file(), BotPrUrls.derive(file)),
          "nothing but the URL's fixed text"));
    }
    Table relevant = new Table(stem(RelevantBotPrs.FILE_NAME) + FACTS, "one per coded PR, in the original's order",
        List.of(new Column("index", "pandas' row index (the original's unnamed first column)"),
            new Column("source", "as in the original"),
            new Column("url", "the PR page URL with its comment anchor"),
            new Column("num_comments", "as in the original"),
            new Column("num_authors", "as in the original"),
            new Column("avg_comment_size", "as in the original"),
            new Column("authors", "participants' Hugging Face user names, ';'-joined, as in the original"),
            new Column("title_opener", "the user the title names as the PR's opener ('… by <opener> (<model id>)')"),
            new Column("title_model_id", "the model id the title ends with")));
    all.put(RelevantBotPrs.FILE_NAME, new Derivation(RelevantBotPrs.FILE_NAME, List.of(relevant),
        (file, scorer) -> Map.of(relevant.file(), RelevantBotPrs.derive(file)),
        "the PR title (kept as the opener and model id it names)"));
    Table scores = new Table(stem(StackOverflowPosts.FILE_NAME) + ".scores.csv",
        "one per post (question or answer), in the original's order (the ranking's tie order depends on it)", List.of(
            new Column("key", "the post's key <item_type>:<question_id>:<creation_date>"),
            new Column("source", "as in the original"),
            new Column("item_type", "question or answer"),
            new Column("json_content_score", "TF-IDF cosine similarity of the post's json_content to the query"
                + " (the study's ranking), as computed by org.modelevolution.analysis.Rq4.scores; Java's shortest"
                + " round-trip decimal"),
            new Column("title_and_body_score", "the same over the post's title and body (the variant)")));
    all.put(StackOverflowPosts.FILE_NAME, new Derivation(StackOverflowPosts.FILE_NAME, List.of(scores),
        (file, scorer) -> Map.of(scores.file(), StackOverflowPosts.derive(file, scorer)),
        "every text: titles, bodies, the items' JSON (kept as the two relevance scores the ranking needs)"));
    Table codedPosts = new Table(CodingCache.POSTS, "one per coded post, by id", List.of(
        new Column("id", "the post's id in the database"),
        new Column("source", "as in the database"),
        new Column("key", "the key of the post's item, <item_type>:<question_id>:<creation_date>"),
        new Column("is_true_positive", "the coder's verdict: 1, 0, or empty when not judged"),
        new Column("concept_ids", "the codes assigned, ';'-joined ids, ascending")));
    Table concepts = new Table(CodingCache.CONCEPTS, "one per code, by id", List.of(
        new Column("id", "the code's id"), new Column("name", "the code (the study's codebook)"),
        new Column("category_ids", "its categories, ';'-joined ids")));
    Table categories = new Table(CodingCache.CATEGORIES, "one per category, by id", List.of(
        new Column("id", "the category's id"), new Column("name", "the category"),
        new Column("parent_id", "the parent category's id, empty for a top-level one")));
    all.put(StudyFiles.CODING_DATABASE, new Derivation(StudyFiles.CODING_DATABASE,
        List.of(codedPosts, concepts, categories), (file, scorer) -> CodingCache.derive(file),
        "the posts' content (the Stack Exchange items' text), the coders' notes, the codebook's free-text"
            + " descriptions of codes and categories"));
    for (String name : Published.TABLES) {
      Table cells = new Table(StudyFiles.PUBLISHED_DIR + "/" + stem(name) + ".cells.csv",
          "one per cell of the published table, by row and column", List.of(
              new Column("row", "0-based row of the table (the table has no header row of its own)"),
              new Column("column", "0-based column"),
              new Column("value", "the cell as published")));
      all.put(StudyFiles.PUBLISHED_DIR + "/" + name, new Derivation(StudyFiles.PUBLISHED_DIR + "/" + name,
          List.of(cells), (file, scorer) -> Map.of(cells.file(), Published.derive(file)), "nothing (a long-format copy of its cells)"));
    }
    return java.util.Collections.unmodifiableMap(all);
  }

  private static void additions(Map<String, Derivation> all, String name) {
    Table table = new Table(stem(name) + FACTS, "one per safetensors file added by a commit, in the original's order",
        List.of(new Column("repo_url", "Hugging Face model repository id"),
            new Column("commit_hash", "40-hex commit id"),
            new Column("model_file_path", "repository id + '/' + path of the added file"),
            new Column("serialization_format", "as in the original"),
            new Column("by_converter", "True when the commit message contains the text the study took for"
                + " the converter's (SafetensorsAddition.CONVERTER_MESSAGE); the message itself is not kept"),
            new Column("date", "commit time 'YYYY-MM-DD HH:MM:SS', as in the original"),
            new Column("is_in_commit", "as in the original"),
            new Column("change_status", "as in the original ('+' = added)"),
            new Column("elapsed_days", "as in the original")));
    all.put(name, new Derivation(name, List.of(table), (file, scorer) -> Map.of(table.file(), project(file,
        AdditionFile.ORIGINAL_COLUMNS, 4)), "the commit message (kept as the by_converter flag) and the author's name"));
  }

  /**
   * The {@code columns} of every record of a CSV original, in its order, with the commit message
   * at {@code message} replaced by the converter flag.
   */
  private static List<List<String>> project(Path file, List<String> columns, int message) {
    List<List<String>> rows = new ArrayList<>();
    CsvColumns.forEach(file, columns, v -> {
      List<String> row = new ArrayList<>(List.of(v));
      row.set(message, flag(SafetensorsAddition.isConverterMessage(v[message])));
      rows.add(row);
    });
    return rows;
  }

  /** A boolean as pandas writes it. */
  static String flag(boolean value) {
    return value ? "True" : "False";
  }

  /** Reads a flag written by {@link #flag}. */
  static boolean parseFlag(String value) {
    return switch (value) {
      case "True" -> true;
      case "False" -> false;
      default -> throw new IllegalArgumentException("not True or False: '" + value + "'");
    };
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  // ---------------------------------------------------------------------------------------------
  // Building and checking

  /** What a build wrote (or would write): every file of the cache, by path relative to its folder. */
  public record Contents(Map<String, byte[]> files, List<String> originalsMissing) {
    public Contents {
      files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
      originalsMissing = List.copyOf(originalsMissing);
    }
  }

  /**
   * Derives the cache from the originals in {@code originals}, each verified against its manifest
   * pin first; originals that are absent are listed and their tables left out.
   *
   * @throws StudyDataException when an original present is not the pinned one, or does not parse
   */
  public static Contents derive(Path originals, StudyManifest manifest, PostScorer scorer) {
    Map<String, byte[]> files = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    List<String[]> index = new ArrayList<>();
    for (Derivation d : DERIVATIONS.values()) {
      Path file = originals.resolve(d.original());
      if (!Files.isRegularFile(file)) {
        missing.add(d.original());
        continue;
      }
      StudyManifest.Entry pin = manifest.entry(d.original()).filter(StudyManifest.Entry::isPinned)
          .orElseThrow(() -> new StudyDataException("the manifest pins no " + d.original() + ": the cache holds"
              + " only what is derived from pinned originals"));
      Pins.Digests digests = Pins.digests(file, pin);
      Pins.verify(pin, file, digests);
      Map<String, List<List<String>>> rows = d.derive().apply(file, scorer);
      long bytes = 0;
      for (Table table : d.tables()) {
        StringBuilder csv = new StringBuilder(PandasCsv.line(table.header()));
        rows.get(table.file()).forEach(r -> csv.append(PandasCsv.line(r)));
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        files.put(table.file(), content);
        bytes += content.length;
      }
      byte[] readme = readme(d, pin, digests, files, manifest.sourceRepository()).getBytes(StandardCharsets.UTF_8);
      files.put(readmeName(d), readme);
      index.add(new String[] {d.original(), Long.toString(digests.bytes()), Long.toString(bytes + readme.length),
          String.join(", ", d.tables().stream().map(t -> "`" + t.file() + "`").toList())});
    }
    files.put(INDEX, indexReadme(index, files).getBytes(StandardCharsets.UTF_8));
    return new Contents(files, missing);
  }

  /** The README of one original's tables. */
  private static String readmeName(Derivation d) {
    String first = d.tables().get(0).file();
    return first.substring(0, first.indexOf('.', first.lastIndexOf('/') + 1)) + ".README.md";
  }

  private static String readme(Derivation d, StudyManifest.Entry pin, Pins.Digests digests, Map<String, byte[]> files,
      String repository) {
    StringBuilder text = new StringBuilder();
    text.append("# Cache of `").append(d.original()).append("`\n\n");
    text.append("Derived by this project's code (`org.modelevolution.study.StudyCache`) from the study's original:\n\n");
    text.append("- original: `").append(pin.originalPath()).append("` of `").append(repository)
        .append("` at commit `").append(pin.commit()).append("`\n");
    text.append("- SHA-256 `").append(digests.sha256()).append("`, ").append(digests.bytes()).append(" bytes\n");
    text.append("- left out: ").append(d.left()).append("\n");
    text.append("- rebuilt and checked byte for byte by `").append(REBUILD.replace(" --write-cache", ""))
        .append("` (add `--write-cache` to rewrite it)\n\n");
    for (Table table : d.tables()) {
      byte[] content = files.get(table.file());
      text.append("## `").append(table.file()).append("`\n\n");
      text.append(String.format(Locale.ROOT, "%,d bytes, %d rows: %s. SHA-256 `%s`.%n%n", content.length,
          lines(content) - 1, table.rows(), Sha256.of(content)));
      text.append("| column | meaning |\n|---|---|\n");
      for (Column c : table.columns()) {
        text.append("| `").append(c.name()).append("` | ").append(c.meaning().replace("|", "\\|")).append(" |\n");
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String indexReadme(List<String[]> index, Map<String, byte[]> files) {
    long total = files.values().stream().mapToLong(b -> b.length).sum();
    StringBuilder text = new StringBuilder();
    text.append("# `data/cache/`: the study's data, reduced to facts and figures\n\n");
    text.append("Compact tables derived by this project's code from the study's pinned originals"
        + " (`data/study-manifest.json`), holding exactly what the analyses read: ids, dates, counts, hashes, formats,"
        + " flags and numbers, never text others wrote (commit messages, PR titles, post titles and bodies, discussion"
        + " text) and never an original copied whole. `reproduce` and the notebooks read an original from `STUDY_DATA`"
        + " (default `../shared/study`) when it is there and these tables otherwise, with the same results;"
        + " `provenance.tsv` and `REPRODUCTION.md` say which was read.\n\n");
    text.append("Rebuild and compare with the committed files (exit 1 on any difference): `")
        .append(REBUILD.replace(" --write-cache", "")).append("`; rewrite them: `").append(REBUILD).append("`.\n\n");
    text.append("| original | original bytes | cache bytes (tables + README) | tables |\n|---|---:|---:|---|\n");
    for (String[] row : index) {
      text.append(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %s |%n", row[0], Long.parseLong(row[1]),
          Long.parseLong(row[2]), row[3]));
    }
    text.append(String.format(Locale.ROOT, "%nTotal: %,d bytes in %d files, this README excluded.%n", total,
        files.size()));
    return text.toString();
  }

  private static long lines(byte[] content) {
    long n = 0;
    for (byte b : content) {
      if (b == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Writes {@code contents} into {@code dir}, replacing the files it names. */
  public static void write(Contents contents, Path dir) {
    try {
      for (Map.Entry<String, byte[]> file : contents.files().entrySet()) {
        Path target = dir.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the cache into " + dir, e);
    }
  }

  /**
   * Every difference between {@code contents} and the cache folder {@code dir}: files that differ,
   * that the build makes but the folder lacks, or that the folder holds but the build does not make.
   */
  public static List<String> differences(Contents contents, Path dir) {
    List<String> differences = new ArrayList<>();
    contents.files().forEach((name, bytes) -> {
      Path file = dir.resolve(name);
      try {
        if (!Files.isRegularFile(file)) {
          differences.add(name + ": rebuilt from the originals, but not in " + dir);
        } else if (!java.util.Arrays.equals(bytes, Files.readAllBytes(file))) {
          differences.add(name + ": the committed file differs from the one rebuilt from the originals");
        }
      } catch (IOException e) {
        differences.add(name + ": cannot read (" + e.getMessage() + ")");
      }
    });
    if (Files.isDirectory(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .filter(name -> !contents.files().containsKey(name)).sorted()
            .forEach(name -> differences.add(name + ": in " + dir + " but not rebuilt from the originals"));
      } catch (IOException e) {
        differences.add(dir + ": cannot list (" + e.getMessage() + ")");
      }
    }
    return differences;
  }

  /** The cache folder of a checkout, when it holds the cache. */
  static Optional<Path> folder(Path dir) {
    return Files.isRegularFile(dir.resolve(INDEX)) ? Optional.of(dir) : Optional.empty();
  }
}
