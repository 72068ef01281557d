package org.modelevolution.study;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.modelevolution.environment.ProjectLayout;
import org.modelevolution.formats.ModelFiles;
import org.modelevolution.io.Sha256;

/**
 * Reads a study data folder: the full input set of each group when present
 * ({@code selected_{group}_repos.json}, {@code selected_{group}_commits.csv},
 * {@code repositories_evolution_{group}_commits_processed.csv}, {@code safetensors_tags.csv}), otherwise
 * the published partial files ({@code safetensors_commits_[not_]by_tool_{group}.csv} and the 2024
 * iteration's files). Every file is streamed once, hashed while it is read, and checked against
 * the pinned manifest when the manifest knows it.
 */
public final class StudyDataLoader {
  private static final List<String> ADDITION_COLUMNS =
      List.of("repo_url", "commit_hash", "model_file_path", "message", "date");

  /** The converter leaves the root-level PyTorch weights in place; the study checked that path. */
  private static final String ROOT_PYTORCH_BIN = "pytorch_model.bin";

  private final StudyManifest manifest;
  private final Path factsDir;

  /**
   * @param manifest the pinned study files (checksums)
   * @param factsDir the project's {@code data/} folder (hand-typed release dates)
   */
  public StudyDataLoader(StudyManifest manifest, Path factsDir) {
    this.manifest = manifest;
    this.factsDir = factsDir;
  }

  public static StudyDataLoader forLayout(ProjectLayout layout) {
    return new StudyDataLoader(StudyManifest.read(layout.manifest()), layout.data());
  }

  /** Loads {@code dataDir}; published tables are looked for in {@code dataDir/published}. */
  public StudyData load(Path dataDir) {
    return load(List.of(dataDir));
  }

  /**
   * Loads the study files found in {@code roots}, each file from the first root that has it (e.g.
   * the data folder, then the download cache); published tables from the first
   * {@code root/published} folder that exists.
   */
  public StudyData load(List<Path> roots) {
    Optional<Path> published = roots.stream().map(r -> r.resolve(StudyFiles.PUBLISHED_DIR)).filter(Files::isDirectory).findFirst();
    return load(roots, published);
  }

  public StudyData load(List<Path> roots, Optional<Path> publishedDir) {
    if (roots.stream().noneMatch(Files::isDirectory)) {
      throw new StudyDataException("study data folder " + roots.get(0) + " does not exist (set STUDY_DATA or --data)");
    }
    Roots dataDir = new Roots(List.copyOf(roots));
    publishedDir.ifPresent(this::verifyPublished);
    Map<String, InputFile> inputs = Collections.synchronizedMap(new LinkedHashMap<>());
    // files are independent until the change-status join: read them side by side
    ExecutorService pool = Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "study-loader");
      thread.setDaemon(true);
      return thread;
    });
    GroupData legacyData;
    GroupData recent;
    try {
      Future<GroupData> legacy = pool.submit(() -> loadGroup(dataDir, Group.LEGACY, inputs, pool));
      recent = loadGroup(dataDir, Group.RECENT, inputs, pool);
      legacyData = join(legacy);
    } finally {
      pool.shutdownNow();
    }
    List<SafetensorsRelease> releases = loadReleases(dataDir, inputs);
    Optional<List<SafetensorsAddition>> additions2024 = Optional.empty();
    if (dataDir.has(StudyFiles.BY_TOOL_2024) && dataDir.has(StudyFiles.NOT_BY_TOOL_2024)) {
      List<SafetensorsAddition> rows = new ArrayList<>(readAdditions(dataDir, StudyFiles.BY_TOOL_2024, inputs));
      rows.addAll(readAdditions(dataDir, StudyFiles.NOT_BY_TOOL_2024, inputs));
      additions2024 = Optional.of(rows);
    }
    List<InputFile> sorted = new ArrayList<>(inputs.values());
    sorted.sort(java.util.Comparator.comparing(InputFile::relativePath));
    return StudyData.of(dataDir.roots().get(0), legacyData, recent, releases, additions2024, publishedDir, sorted);
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StudyDataException("interrupted while reading the study data", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new StudyDataException(e.getCause().getMessage(), e.getCause());
    }
  }

  private GroupData loadGroup(Roots dir, Group group, Map<String, InputFile> inputs, ExecutorService pool) {
    if (dir.has(StudyFiles.commitsCsv(group)) && dir.has(StudyFiles.evolutionCsv(group)) && dir.has(StudyFiles.reposJson(group))) {
      Future<List<EvolutionRow>> evolution = pool.submit(() -> readEvolution(dir, StudyFiles.evolutionCsv(group), inputs));
      Future<Map<String, Instant>> created = pool.submit(() -> readCreatedAt(dir, StudyFiles.reposJson(group), inputs));
      CommitLog log = readCommitLog(dir, StudyFiles.commitsCsv(group), inputs);
      List<EvolutionRow> rows = withChangeStatus(join(evolution), log.changeStatus());
      Map<String, Instant> createdAt = join(created);
      List<SafetensorsAddition> additions = rows.stream()
          .filter(EvolutionRow::addsSafetensors).map(EvolutionRow::toAddition).toList();
      return new GroupData(group, additions, true, Optional.of(rows), Optional.of(log.commits()), Optional.of(createdAt));
    }
    List<SafetensorsAddition> additions = new ArrayList<>();
    boolean developersKnown = false;
    if (dir.has((StudyFiles.byTool(group)))) {
      additions.addAll(readAdditions(dir, StudyFiles.byTool(group), inputs));
      if (dir.has((StudyFiles.notByTool(group)))) {
        additions.addAll(readAdditions(dir, StudyFiles.notByTool(group), inputs));
        developersKnown = true;
      }
    }
    return new GroupData(group, additions, developersKnown, Optional.empty(), Optional.empty(), Optional.empty());
  }

  private List<SafetensorsAddition> readAdditions(Roots dir, String name, Map<String, InputFile> inputs) {
    List<SafetensorsAddition> rows = new ArrayList<>();
    String sha = CsvColumns.forEach(dir.locate(name), ADDITION_COLUMNS, v -> rows.add(new SafetensorsAddition(
        v[0], v[1], v[2], CommitTime.parse(v[4]), SafetensorsAddition.isConverterMessage(v[3]))));
    record(dir, name, sha, inputs);
    return rows;
  }

  /** The reduced commit log and the change status of every changed model file. */
  record CommitLog(List<CommitSummary> commits, Map<String, String> changeStatus) {}

  private CommitLog readCommitLog(Roots dir, String name, Map<String, InputFile> inputs) {
    List<CommitSummary> commits = new ArrayList<>();
    Map<String, String> status = new HashMap<>();
    Interner strings = new Interner();
    List<String> columns = List.of("repo_url", "commit_hash", "date", "changed_files", "all_files_in_tree");
    Path file = dir.locate(name);
    String sha;
    try {
      if (MappedCsv.fits(file)) {
        // the trees are most of the file: scan them in place instead of decoding them
        sha = MappedCsv.forEach(file, columns, (record, index) -> {
          int tree = index[4];
          boolean[] flags = record.escaped[tree]
              ? treeFlags(record.string(tree))
              : TreeScan.flags(record, record.start[tree], record.end[tree]);
          commits.add(summarize(strings.intern(record.string(index[0])), record.string(index[1]),
              record.string(index[2]), record.string(index[3]), flags, status, strings));
        });
      } else {
        sha = CsvColumns.forEach(file, columns, v -> commits.add(
            summarize(strings.intern(v[0]), v[1], v[2], v[3], treeFlags(v[4]), status, strings)));
      }
    } catch (IOException e) {
      throw new StudyDataException("cannot read " + name + ": " + e.getMessage(), e);
    }
    record(dir, name, sha, inputs);
    return new CommitLog(commits, status);
  }

  /** Reduces one commit; records the change status of each changed model file. */
  private static CommitSummary summarize(String repo, String hash, String date, String changed, boolean[] treeFlags,
      Map<String, String> status, Interner strings) {
    boolean touches = false;
    int start = 0;
    while (start < changed.length()) {
      int end = changed.indexOf(';', start);
      if (end < 0) {
        end = changed.length();
      }
      // an entry is "<status> <path>"; the study took the suffix of the whole entry
      if (ModelFiles.isStudyModelFile(changed, start, end)) {
        touches = true;
        int space = indexOfWhitespace(changed, start, end);
        if (space > start) {
          String st = strings.intern(changed.substring(start, space));
          int pathStart = skipWhitespace(changed, space, end);
          status.put(repo + '/' + changed.substring(pathStart, end) + "&&" + hash, st);
        }
      }
      start = end + 1;
    }
    return new CommitSummary(repo, hash, date, touches, treeFlags[0], treeFlags[1]);
  }

  /** [a model file is in the tree, pytorch_model.bin is at the root] from the decoded tree field. */
  private static boolean[] treeFlags(String tree) {
    boolean modelInTree = false;
    boolean pytorchBin = false;
    int start = 0;
    while (start < tree.length()) {
      int end = tree.indexOf(';', start);
      if (end < 0) {
        end = tree.length();
      }
      if (!modelInTree && ModelFiles.isStudyModelFile(tree, start, end)) {
        modelInTree = true;
      }
      if (!pytorchBin && end - start == ROOT_PYTORCH_BIN.length() && tree.startsWith(ROOT_PYTORCH_BIN, start)) {
        pytorchBin = true;
      }
      start = end + 1;
    }
    return new boolean[] {modelInTree, pytorchBin};
  }

  /** The study's join: the status of a row's file in its commit, for rows whose file the commit changed. */
  private static List<EvolutionRow> withChangeStatus(List<EvolutionRow> rows, Map<String, String> changeStatus) {
    List<EvolutionRow> joined = new ArrayList<>(rows.size());
    for (EvolutionRow r : rows) {
      joined.add(!r.inCommit() ? r : new EvolutionRow(r.repo(), r.commit(), r.modelFilePath(), r.format(), r.date(),
          true, changeStatus.getOrDefault(r.modelFilePath() + "&&" + r.commit(), ""), r.byConverter()));
    }
    return joined;
  }

  private List<EvolutionRow> readEvolution(Roots dir, String name, Map<String, InputFile> inputs) {
    List<EvolutionRow> rows = new ArrayList<>();
    Interner strings = new Interner();
    LocalDateTime[] lastDate = {null};
    String[] lastDateText = {null};
    String sha = CsvColumns.forEach(dir.locate(name),
        List.of("repo_url", "commit_hash", "model_file_path", "serialization_format", "message", "date", "is_in_commit"),
        v -> {
          if (!v[5].equals(lastDateText[0])) {
            lastDateText[0] = v[5];
            lastDate[0] = CommitTime.parse(v[5]);
          }
          boolean inCommit = "True".equals(v[6]);
          String commit = strings.intern(v[1]);
          rows.add(new EvolutionRow(strings.intern(v[0]), commit, v[2], strings.intern(v[3]), lastDate[0],
              inCommit, "", SafetensorsAddition.isConverterMessage(v[4])));
        });
    record(dir, name, sha, inputs);
    return rows;
  }

  private Map<String, Instant> readCreatedAt(Roots dir, String name, Map<String, InputFile> inputs) {
    Map<String, Instant> created = new HashMap<>();
    MessageDigest digest = Sha256.digest();
    try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(dir.locate(name)), 1 << 16), digest);
        JsonParser parser = new JsonFactory().createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new StudyDataException(name + " is not a JSON array of repositories");
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        String id = null;
        Instant createdAt = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("id".equals(field)) {
            id = parser.getValueAsString();
          } else if ("created_at".equals(field)) {
            createdAt = value == JsonToken.VALUE_NUMBER_INT
                ? Instant.ofEpochMilli(parser.getLongValue())
                : value == JsonToken.VALUE_STRING ? Instant.parse(parser.getText()) : null;
          } else {
            parser.skipChildren();
          }
        }
        if (id != null && createdAt != null) {
          created.put(id, createdAt);
        }
      }
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | RuntimeException e) {
      if (e instanceof StudyDataException known) {
        throw known;
      }
      throw new StudyDataException("cannot read " + name + ": " + e.getMessage(), e);
    }
    record(dir, name, HexFormat.of().formatHex(digest.digest()), inputs);
    return created;
  }

  private List<SafetensorsRelease> loadReleases(Roots dataDir, Map<String, InputFile> inputs) {
    if (dataDir.has(StudyFiles.SAFETENSORS_TAGS)) {
      Path tags = dataDir.locate(StudyFiles.SAFETENSORS_TAGS);
      List<String[]> rows = new ArrayList<>();
      String sha = CsvColumns.forEach(tags, List.of("tag", "date"), v -> rows.add(v.clone()));
      record(dataDir, StudyFiles.SAFETENSORS_TAGS, sha, inputs);
      return SafetensorsReleases.asStudyPlotsThem(rows, StudyFiles.SAFETENSORS_TAGS);
    }
    Path typed = factsDir.resolve("safetensors-releases.csv");
    if (!Files.isRegularFile(typed)) {
      return List.of();
    }
    List<SafetensorsRelease> releases = new ArrayList<>();
    CsvColumns.forEach(typed, List.of("tag", "date", "source"),
        v -> releases.add(new SafetensorsRelease(v[0], LocalDate.parse(v[1]), v[2])));
    return releases;
  }

  private void record(Roots dir, String name, String sha, Map<String, InputFile> inputs) {
    Optional<StudyManifest.Entry> pinned = manifest.entry(name);
    InputFile.Verification verification = InputFile.Verification.NOT_PINNED;
    if (pinned.isPresent()) {
      if (!pinned.get().sha256().equals(sha)) {
        throw new StudyDataException("checksum mismatch for " + name + ": expected " + pinned.get().sha256()
            + " (pinned at " + pinned.get().commit() + "), found " + sha
            + "; the file is not the study's original, refusing to compare it with the published numbers");
      }
      verification = InputFile.Verification.VERIFIED;
    }
    long bytes;
    try {
      bytes = Files.size(dir.locate(name));
    } catch (IOException e) {
      throw new StudyDataException("cannot stat " + name, e);
    }
    inputs.put(name, new InputFile(name, sha, bytes, verification));
  }

  /** Checks every published table the manifest pins; a modified table would make comparisons meaningless. */
  private void verifyPublished(Path publishedDir) {
    for (StudyManifest.Entry entry : manifest.published()) {
      Path file = publishedDir.resolve(Path.of(entry.file()).getFileName().toString());
      if (Files.isRegularFile(file) && !Sha256.of(file).equals(entry.sha256())) {
        throw new StudyDataException("checksum mismatch for published table " + entry.file() + ": expected "
            + entry.sha256() + "; refusing to compare against a modified table");
      }
    }
  }

  /** The folders files are looked up in, first match wins. */
  record Roots(List<Path> roots) {
    boolean has(String name) {
      return roots.stream().anyMatch(r -> Files.isRegularFile(r.resolve(name)));
    }

    Path locate(String name) {
      return roots.stream().map(r -> r.resolve(name)).filter(Files::isRegularFile).findFirst()
          .orElse(roots.get(0).resolve(name));
    }
  }

  private static int indexOfWhitespace(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int skipWhitespace(String s, int start, int end) {
    int i = start;
    while (i < end && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Shares equal strings (repository ids, hashes, formats) between the many rows that repeat them. */
  private static final class Interner {
    private final Map<String, String> seen = new HashMap<>();

    String intern(String s) {
      String known = seen.putIfAbsent(s, s);
      return known == null ? s : known;
    }
  }
}
