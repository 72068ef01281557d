package org.modelevolution.mining;

import static org.modelevolution.mining.FakeRepo.delete;
import static org.modelevolution.mining.FakeRepo.git;
import static org.modelevolution.mining.FakeRepo.lfs;
import static org.modelevolution.mining.FakeRepo.rename;
import static org.modelevolution.mining.FakeRepo.text;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.modelevolution.io.PandasCsv;
import org.modelevolution.io.Sha256;

/**
 * A seeded, deterministic Hub of {@code n} model repositories for the replication at scale
 * (issue 23), served by {@link FakeHub}, and its ground truth.
 *
 * <p>Distributions: creation instants across 2019-01-01 .. 2024-12-31 growing exponentially (as the
 * Hub did), a Pareto-tailed number of commits (α = 1.2, at most 400) and of model files per upload
 * (shards {@code model-0000k-of-0000n}), every format of the study from the real files of
 * {@code formats-corpus} (safetensors, torch.save, pickle, HDF5, ONNX, joblib, numpy), most through
 * Git LFS, some in git; renames into folders, deletions, README and config edits; the conversion
 * bot's PRs (merged with its merge commit in the history, closed, open; by the owner, by Hub staff,
 * by the bot itself; with conflicts), listed in the conversions dataset or only in the bot's feed.
 * Besides the candidates: gated, stale, model-less, too new, and deleted repositories (listed, then
 * gone). Repositories come in pairs of the same kind, one legacy and one recent, so the balanced
 * selection keeps every candidate (its sample is the whole population) and the selected sets are
 * known without re-running the sampler.
 *
 * <p>The ground truth ({@link #writeTruth}) is computed from the generator's own records, by
 * {@link Expected}: the selection's ids in order, both groups' commit and format-evolution tables,
 * the bot PR status table, and the bot PRs in the study's schema ({@code sfconvertbot_pr_metadata.csv},
 * the input of the study's RQ3 code).
 */
final class SimulatedHub {
  static final String BOT = "SFconvertbot";
  static final Instant PLACEHOLDER = Instant.parse("2022-03-02T23:29:04.000Z");
  private static final Instant START = Instant.parse("2019-01-01T00:00:00Z");
  private static final Instant RELEASE = Instant.parse("2022-09-22T00:00:00Z");
  private static final Instant END = Instant.parse("2024-12-31T00:00:00Z");
  private static final Instant YEAR_2024 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant BOT_START = Instant.parse("2023-01-15T00:00:00Z");
  private static final DateTimeFormatter CONVERSIONS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  private static final List<String> FORMATS = List.of("safetensors", "torch.save", "pickle", "h5/hdf5", "ONNX",
      "joblib", "numpy");
  private static final double[] LEGACY_WEIGHTS = {0.22, 0.50, 0.06, 0.09, 0.06, 0.04, 0.03};
  private static final double[] RECENT_WEIGHTS = {0.62, 0.24, 0.03, 0.03, 0.04, 0.02, 0.02};
  private static final List<String> AUTHORS = List.of("Berg, Zoë", "jdoe", "Alice", "Bob \"the builder\"", "Chen Wei",
      "Dana", "Eve", "Finn", "Gül", "Hiro", "Ines", "José", "Kai", "Lena", "Mo");
  private static final List<String> ORGS = List.of("acme", "oldlab", "newco", "deep-lab", "tiny", "bigsci", "nlp-ua",
      "vision", "speech", "robotics");

  /** What the study's method yields for a repository of this kind. */
  enum Kind { CANDIDATE, GATED, STALE, NO_MODELS, TOO_NEW, DELETED }

  /** A generated repository: its description and kind. */
  record Generated(FakeRepo repo, Kind kind, boolean legacy) {}

  final FakeHub hub = new FakeHub();
  final List<Generated> generated = new ArrayList<>();
  /** Corpus files of each study format, their bytes, and every corpus content's study label. */
  private final Map<String, List<byte[]>> corpusByFormat = new LinkedHashMap<>();
  private final Map<String, List<String>> extensionByFormat = new LinkedHashMap<>();
  final Map<String, String> labelBySha256 = new HashMap<>();
  /** The conversions dataset's rows, in generation order. */
  private final StringBuilder conversions = new StringBuilder("model_id,pr_url,time\n");
  private final List<ObjectNode> feed = new ArrayList<>();

  private SimulatedHub() {}

  /**
   * Generates the Hub; its git repositories are written below {@code gitRoot} when a client first
   * fetches them ({@link FakeHub#lazyGit}), so that N = 20,000 costs only what is mined.
   */
  static SimulatedHub generate(int n, long seed, Path corpus, Path gitRoot) throws IOException {
    SimulatedHub sim = new SimulatedHub();
    sim.readCorpus(corpus);
    sim.hub.lazyGit = true;
    for (int i = 0; i < n; i++) {
      // One draw of the kind per pair: one legacy and one recent repository of each kind.
      Kind kind = kind(new SplittableRandom(seed * 1_000_003L + i / 2));
      Generated g = sim.repository(i, kind, i % 2 == 0, new SplittableRandom(seed * 7_919L + i * 31L + 1));
      sim.generated.add(g);
      sim.hub.add(g.repo(), gitRoot);
      if (kind == Kind.DELETED) {
        sim.hub.deleted.add(g.repo().id);
      }
    }
    sim.hub.conversionsCsv = sim.conversions.toString();
    List<List<ObjectNode>> pages = new ArrayList<>();
    for (int i = 0; i < sim.feed.size(); i += 50) {
      pages.add(List.copyOf(sim.feed.subList(i, Math.min(i + 50, sim.feed.size()))));
    }
    sim.hub.feedPages = pages;
    return sim;
  }

  private static Kind kind(SplittableRandom rnd) {
    double r = rnd.nextDouble();
    return r < 0.04 ? Kind.GATED : r < 0.10 ? Kind.STALE : r < 0.13 ? Kind.NO_MODELS : r < 0.15 ? Kind.TOO_NEW
        : r < 0.16 ? Kind.DELETED : Kind.CANDIDATE;
  }

  private void readCorpus(Path corpus) throws IOException {
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(corpus.resolve("labels.csv").toFile())) {
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        Path file = corpus.resolve(row.get("path"));
        byte[] bytes = Files.readAllBytes(file);
        labelBySha256.put(Sha256.of(bytes), row.get("study_label"));
        String name = row.get("path");
        String extension = name.substring(name.lastIndexOf('.') + 1);
        // The honest files of each study format, small enough to keep the Hub cheap.
        if (FORMATS.contains(row.get("study_label")) && "no".equals(row.get("extension_lies"))
            && !name.startsWith("edge/") && bytes.length < 20_000 && Expected.isModel(name)) {
          corpusByFormat.computeIfAbsent(row.get("study_label"), k -> new ArrayList<>()).add(bytes);
          extensionByFormat.computeIfAbsent(row.get("study_label"), k -> new ArrayList<>()).add(extension);
        }
      }
    }
    for (String format : FORMATS) {
      if (!corpusByFormat.containsKey(format)) {
        throw new IllegalStateException("the corpus has no " + format + " file");
      }
    }
  }

  // ------------------------------------------------------------------ one repository

  private Generated repository(int i, Kind kind, boolean legacy, SplittableRandom rnd) {
    String id = ORGS.get(rnd.nextInt(ORGS.size())) + "-" + zipf(rnd, 400) + "/model-" + i;
    Instant created = switch (kind) {
      case TOO_NEW -> between(rnd, Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-06-30T00:00:00Z"));
      case STALE -> legacy ? growth(rnd, START, RELEASE) : growth(rnd, RELEASE, Instant.parse("2023-10-01T00:00:00Z"));
      default -> legacy ? growth(rnd, START, RELEASE) : growth(rnd, RELEASE, END);
    };
    Instant lastModified = switch (kind) {
      case TOO_NEW -> between(rnd, created.plusSeconds(3600), Instant.parse("2025-07-30T00:00:00Z"));
      case STALE -> between(rnd, created.plusSeconds(3600), Instant.parse("2023-12-31T00:00:00Z"));
      default -> between(rnd, max(created.plusSeconds(3600), YEAR_2024), END.plusSeconds(86_000));
    };
    // A few old repositories carry the Hub's createdAt placeholder: their first commit is the truth.
    boolean placeholder = legacy && created.isBefore(PLACEHOLDER.minusSeconds(86_400)) && rnd.nextDouble() < 0.08;
    FakeRepo repo = new FakeRepo(id, FakeHub.iso(placeholder ? PLACEHOLDER : created), FakeHub.iso(lastModified));
    if (kind == Kind.GATED) {
      repo.gated(rnd.nextBoolean() ? "auto" : "manual");
    }
    String owner = AUTHORS.get(rnd.nextInt(AUTHORS.size()));
    int commits = Math.min(400, 2 + (int) Math.floor(pareto(rnd, 1.2) - 1));
    List<Instant> dates = dates(rnd, created, lastModified, commits);
    repo.commit("system", FakeHub.iso(dates.get(0)), "initial commit",
        text(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs\n"));
    TreeMap<String, String> models = new TreeMap<>(); // path -> format, the model files of the head
    String primary = FORMATS.get(pick(rnd, legacy ? LEGACY_WEIGHTS : RECENT_WEIGHTS));
    if (kind == Kind.NO_MODELS) {
      repo.commit(owner, FakeHub.iso(dates.get(1)), "Upload tokenizer", text("tokenizer.json", "{\"v\": " + i + "}\n"),
          text("README.md", "# " + id + "\n"));
      for (int c = 2; c < commits; c++) {
        repo.commit(owner, FakeHub.iso(dates.get(c)), "Update README.md", text("README.md", "# " + id + " " + c + "\n"));
      }
      return new Generated(repo, kind, legacy);
    }
    repo.commit(owner, FakeHub.iso(dates.get(1)), "Upload model", upload(rnd, primary, models, ""));
    PendingPr pr = null;
    if (kind == Kind.CANDIDATE && !primary.equals("safetensors") && rnd.nextDouble() < (legacy ? 0.35 : 0.2)
        && dates.get(dates.size() - 1).isAfter(BOT_START)) {
      pr = new PendingPr(max(between(rnd, max(dates.get(1), BOT_START), dates.get(dates.size() - 1)), BOT_START),
          1 + rnd.nextInt(4), rnd.nextDouble());
    }
    for (int c = 2; c < commits; c++) {
      Instant at = dates.get(c);
      if (pr != null && !pr.done && !at.isBefore(pr.created) && pr.roll < 0.55) {
        // The owner merges the bot's PR: the converter's commit in the history.
        pr.mergedAt = at;
        pr.done = true;
        List<FakeRepo.Op> ops = new ArrayList<>();
        ops.add(lfs("model.safetensors", file(rnd, "safetensors")));
        models.put("model.safetensors", "safetensors");
        repo.commit(owner, FakeHub.iso(at), botMessage(pr.num), ops.toArray(FakeRepo.Op[]::new));
        continue;
      }
      FakeRepo.Op[] ops = later(rnd, c, id, models, primary);
      repo.commit(owner, FakeHub.iso(at), message(ops), ops);
    }
    if (pr != null) {
      registerPr(rnd, repo.id, owner, pr);
    }
    return new Generated(repo, kind, legacy);
  }

  /** A bot PR being generated: when it opened, its number, and the draw deciding its fate. */
  private static final class PendingPr {
    final Instant created;
    final int num;
    final double roll;
    Instant mergedAt;
    boolean done;

    PendingPr(Instant created, int num, double roll) {
      this.created = created;
      this.num = num;
      this.roll = roll;
    }
  }

  static String botMessage(int num) {
    return "Adding `safetensors` variant of this model (#" + num + ")\n\n\n"
        + "- Adding `safetensors` variant of this model (a1b2c3d4e5f60718293a4b5c6d7e8f90123456" + String.format("%02d", num)
        + ")\n\n\nCo-authored-by: Safetensors convertbot <SFconvertbot@users.noreply.huggingface.co>";
  }

  private void registerPr(SplittableRandom rnd, String repoId, String owner, PendingPr pr) {
    String created = FakeHub.iso(pr.created);
    List<ObjectNode> events = new ArrayList<>();
    String status;
    if (pr.mergedAt != null) {
      status = "merged";
      events.add(FakeHub.statusChange(FakeHub.iso(pr.mergedAt), "merged", Optional.of(FakeHub.user(owner, false))));
    } else if (pr.roll < 0.8) {
      status = "closed";
      Instant at = pr.created.plusSeconds(3600 + rnd.nextLong(30L * 86_400));
      double who = rnd.nextDouble();
      if (who < 0.2) {
        // The bot closes its own PR, Hub staff reopen it, the owner closes it for good.
        events.add(FakeHub.statusChange(FakeHub.iso(at), "closed", Optional.of(FakeHub.user(BOT, false))));
        events.add(FakeHub.statusChange(FakeHub.iso(at.plusSeconds(600)), "open", Optional.of(FakeHub.user("hf-staffer", true))));
        events.add(FakeHub.statusChange(FakeHub.iso(at.plusSeconds(1200)), "closed", Optional.of(FakeHub.user(owner, false))));
      } else if (who < 0.4) {
        events.add(FakeHub.statusChange(FakeHub.iso(at), "closed", Optional.of(FakeHub.user("hf-staffer", true))));
      } else {
        events.add(FakeHub.statusChange(FakeHub.iso(at), "closed", Optional.of(FakeHub.user(owner, false))));
      }
    } else {
      status = "open";
    }
    ArrayNode conflicts = FakeHub.JSON.createArrayNode();
    if (!status.equals("merged") && rnd.nextDouble() < 0.15) {
      conflicts.add("model.safetensors");
    }
    hub.prs.put(repoId + "#" + pr.num, new FakeHub.Pr(repoId, pr.num, status, created, events, conflicts));
    if (rnd.nextDouble() < 0.7) {
      conversions.append(repoId).append(",https://huggingface.co/").append(repoId).append("/discussions/")
          .append(pr.num).append(',').append(CONVERSIONS_TIME.format(pr.created)).append('\n');
    } else {
      feed.add(FakeHub.feedItem(repoId, pr.num, true, created));
    }
  }

  private FakeRepo.Op[] upload(SplittableRandom rnd, String format, TreeMap<String, String> models, String folder) {
    List<FakeRepo.Op> ops = new ArrayList<>();
    int shards = rnd.nextDouble() < 0.15 ? 2 + rnd.nextInt(4) : 1;
    String base = format.equals("safetensors") ? "model" : format.equals("torch.save") ? "pytorch_model" : "weights";
    String prefix = folder.isEmpty() && rnd.nextDouble() < 0.1 ? "unet/" : folder;
    int k = rnd.nextInt(corpusByFormat.get(format).size());
    String extension = extensionByFormat.get(format).get(k);
    for (int s = 1; s <= shards; s++) {
      String name = shards == 1 ? base + "." + extension
          : String.format("%s-%05d-of-%05d.%s", base, s, shards, extension);
      byte[] content = corpusByFormat.get(format).get((k + s - 1) % corpusByFormat.get(format).size());
      // Shards keep the extension of their first file's format: the content decides the label.
      ops.add(rnd.nextDouble() < 0.85 ? lfs(prefix + name, content) : git(prefix + name, content));
      models.put(prefix + name, format);
    }
    ops.add(text(prefix + "config.json", "{\"model_type\": \"" + base + "\", \"shards\": " + shards + "}\n"));
    return ops.toArray(FakeRepo.Op[]::new);
  }

  private byte[] file(SplittableRandom rnd, String format) {
    List<byte[]> files = corpusByFormat.get(format);
    return files.get(rnd.nextInt(files.size()));
  }

  /** A commit title as people write them, after what the commit does. */
  private static String message(FakeRepo.Op[] ops) {
    FakeRepo.Op first = ops[0];
    if (first instanceof FakeRepo.Rename r) {
      return "Move " + r.from() + " to archive";
    }
    if (first instanceof FakeRepo.Delete d) {
      return "Delete " + d.path();
    }
    FakeRepo.Put put = (FakeRepo.Put) first;
    return put.path().endsWith("README.md") ? "Update README.md" : ops.length > 1 ? "Upload " + put.path()
        + "\n\nWith \"quotes\", commas, and a second paragraph" : "Update " + put.path();
  }

  /** A later commit: mostly documentation, sometimes new weights, a new format, a rename or a deletion. */
  private FakeRepo.Op[] later(SplittableRandom rnd, int c, String id, TreeMap<String, String> models, String primary) {
    double r = rnd.nextDouble();
    if (r < 0.45 || models.isEmpty()) {
      return new FakeRepo.Op[] {text("README.md", "# " + id + "\n\nrevision " + c + "\n")};
    }
    if (r < 0.70) {
      // New weights in place, of the file's own format.
      String path = new ArrayList<>(models.keySet()).get(rnd.nextInt(models.size()));
      return new FakeRepo.Op[] {lfs(path, file(rnd, models.get(path)))};
    }
    if (r < 0.85) {
      String format = FORMATS.get(pick(rnd, RECENT_WEIGHTS));
      return upload(rnd, format, models, format.equals(primary) ? "v" + c + "/" : "");
    }
    String path = new ArrayList<>(models.keySet()).get(rnd.nextInt(models.size()));
    if (r < 0.93 && !path.startsWith("archive/")) {
      String to = "archive/" + path.substring(path.lastIndexOf('/') + 1);
      if (!models.containsKey(to)) {
        models.put(to, models.remove(path));
        return new FakeRepo.Op[] {rename(path, to)};
      }
    }
    if (models.size() == 1) {
      // The last model file stays: a candidate keeps at least one (the listing's filter).
      return new FakeRepo.Op[] {text("README.md", "# " + id + "\n\nrevision " + c + "\n")};
    }
    models.remove(path);
    return new FakeRepo.Op[] {delete(path)};
  }

  // ------------------------------------------------------------------ distributions

  /** An instant in [from, to) with density growing exponentially (the Hub's growth, ×e⁴ over the span). */
  private static Instant growth(SplittableRandom rnd, Instant from, Instant to) {
    double lambda = 4.0;
    double u = rnd.nextDouble();
    double x = Math.log1p(u * (Math.exp(lambda) - 1)) / lambda;
    long span = to.getEpochSecond() - from.getEpochSecond();
    return Instant.ofEpochSecond(from.getEpochSecond() + (long) (x * span));
  }

  private static Instant between(SplittableRandom rnd, Instant from, Instant to) {
    long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
    return Instant.ofEpochSecond(from.getEpochSecond() + rnd.nextLong(span));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** {@code count} strictly increasing whole seconds: {@code from} first, {@code to} last. */
  private static List<Instant> dates(SplittableRandom rnd, Instant from, Instant to, int count) {
    long a = from.getEpochSecond();
    long b = Math.max(to.getEpochSecond(), a + count);
    java.util.TreeSet<Long> inner = new java.util.TreeSet<>();
    while (inner.size() < count - 2) {
      inner.add(a + 1 + rnd.nextLong(b - a - 1));
    }
    List<Instant> out = new ArrayList<>();
    out.add(Instant.ofEpochSecond(a));
    inner.forEach(s -> out.add(Instant.ofEpochSecond(s)));
    out.add(Instant.ofEpochSecond(b));
    return out;
  }

  private static double pareto(SplittableRandom rnd, double alpha) {
    return Math.pow(1 - rnd.nextDouble(), -1 / alpha);
  }

  private static int zipf(SplittableRandom rnd, int n) {
    return Math.min(n, (int) Math.floor(pareto(rnd, 1.1)));
  }

  private static int pick(SplittableRandom rnd, double[] weights) {
    double r = rnd.nextDouble();
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      if (r < sum) {
        return i;
      }
    }
    return weights.length - 1;
  }

  // ------------------------------------------------------------------ ground truth

  /** The selected repositories of a group, in the selection's order (creation, then id). */
  List<FakeHub.Built> selected(boolean legacy) {
    return generated.stream()
        .filter(g -> g.kind() == Kind.CANDIDATE && g.legacy() == legacy)
        .map(g -> hub.repos.get(g.repo().id))
        .sorted(Comparator.comparingLong((FakeHub.Built b) -> createdAt(b).toEpochMilli()).thenComparing(b -> b.repo().id))
        .toList();
  }

  /** The creation instant the study uses: the first commit's for the placeholder. */
  static Instant createdAt(FakeHub.Built b) {
    return b.repo().createdAt.equals(PLACEHOLDER) ? b.repo().commits.get(0).date() : b.repo().createdAt;
  }

  /**
   * Writes the ground truth below {@code dir}: {@code selected_<group>_ids.txt} (one id a line,
   * in order), {@code selected_<group>_commits.csv}, {@code repositories_evolution_<group>_commits_processed.csv}
   * and {@code sfconvertbot_pr_status.csv}, in the mined tables' names and columns.
   */
  void writeTruth(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (boolean legacy : new boolean[] {true, false}) {
      String group = legacy ? "legacy" : "recent";
      List<FakeHub.Built> selected = selected(legacy);
      StringBuilder ids = new StringBuilder();
      StringBuilder commits = new StringBuilder(PandasCsv.line("repo_url", "commit_hash", "author", "date", "message",
          "changed_files", "all_files_in_tree"));
      StringBuilder evolution = new StringBuilder(PandasCsv.line("repo_url", "commit_hash", "model_file_path",
          "serialization_format", "message", "author", "date", "is_in_commit"));
      for (FakeHub.Built b : selected) {
        ids.append(b.repo().id).append('\n');
        Expected.commitRows(b).forEach(row -> commits.append(PandasCsv.line(row)));
        Expected.evolutionRows(b, labelBySha256).forEach(row -> evolution.append(PandasCsv.line(row)));
      }
      write(dir.resolve("selected_" + group + "_ids.txt"), ids);
      write(dir.resolve("selected_" + group + "_commits.csv"), commits);
      write(dir.resolve("repositories_evolution_" + group + "_commits_processed.csv"), evolution);
    }
    StringBuilder status = new StringBuilder(PandasCsv.line("pr_url", "model_id", "time", "status",
        "files_with_conflicts", "events", "first_non_bot_status", "first_non_bot_status_by",
        "first_non_bot_status_at", "first_non_bot_status_by_hf_staff"));
    // The study's RQ3 input (get_sfconvert_prs.py's columns), from the generator's PR records, in the
    // shape mine-hub bot-prs gives the two JSON columns (the discussion of api-reference.md 1.9 with
    // its events under apiBaseUrl; the header: the discussion without events and diff URL, and the
    // repository), so that the mined file is compared byte for byte.
    StringBuilder metadata = new StringBuilder(PandasCsv.line("pr_url", "discussion_metadata", "header_metadata",
        "model_id", "time"));
    List<FakeHub.Pr> prsNewestFirst = hub.prs.values().stream()
        .sorted(Comparator.comparing(FakeHub.Pr::createdAt, Comparator.reverseOrder())
            .thenComparing(pr -> "https://huggingface.co/" + pr.repoId() + "/discussions/" + pr.num()))
        .toList();
    for (FakeHub.Pr pr : prsNewestFirst) {
      ObjectNode discussion = FakeHub.discussionJson(pr);
      discussion.remove("diff");
      ObjectNode events = FakeHub.JSON.createObjectNode();
      events.put("apiBaseUrl", "/api/models/" + pr.repoId());
      events.set("discussion", discussion);
      ObjectNode headerDiscussion = discussion.deepCopy();
      headerDiscussion.remove(List.of("events", "diffUrl"));
      ObjectNode header = FakeHub.JSON.createObjectNode();
      header.set("discussion", headerDiscussion);
      header.set("repo", discussion.get("repo").deepCopy());
      metadata.append(PandasCsv.line("https://huggingface.co/" + pr.repoId() + "/discussions/" + pr.num(),
          events.toString(), header.toString(), pr.repoId(), pr.createdAt()));
    }
    write(dir.resolve("sfconvertbot_pr_metadata.csv"), metadata);
    prsNewestFirst.forEach(pr -> {
      ObjectNode first = pr.events().stream()
          .filter(e -> !e.path("author").path("name").asText().equalsIgnoreCase(BOT)).findFirst().orElse(null);
      status.append(PandasCsv.line("https://huggingface.co/" + pr.repoId() + "/discussions/" + pr.num(),
          pr.repoId(), pr.createdAt(), pr.status(), String.join(";", texts(pr.conflicts())),
          Integer.toString(pr.events().size() + 1),
          first == null ? "" : first.path("data").path("status").asText(),
          first == null ? "" : first.path("author").path("name").asText(),
          first == null ? "" : first.path("createdAt").asText(),
          first == null ? "" : first.path("author").path("isHf").asBoolean() ? "True" : "False"));
    });
    write(dir.resolve("sfconvertbot_pr_status.csv"), status);
  }

  private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static void write(Path file, CharSequence text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts per kind and group, for the server's banner and the benchmark. */
  Map<String, Long> census() {
    Map<String, Long> counts = new TreeMap<>();
    generated.forEach(g -> counts.merge(g.kind().name().toLowerCase() + (g.legacy() ? "_legacy" : "_recent"), 1L, Long::sum));
    counts.put("bot_prs", (long) hub.prs.size());
    counts.put("commits", generated.stream().mapToLong(g -> g.repo().commits.size()).sum());
    return counts;
  }
}
