package org.modelevolution.mining;

import java.io.IOException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.modelevolution.http.FatalRequestException;
import org.modelevolution.hub.HubCommit;
import org.modelevolution.hub.HubException;
import org.modelevolution.hub.ModelInfo;
import org.modelevolution.hub.ModelPage;
import org.modelevolution.hub.ModelQuery;
import org.modelevolution.hub.Sibling;
import org.modelevolution.formats.ModelFiles;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.progress.Progress;
import org.modelevolution.study.Group;

/**
 * Step 1: selects the repositories of both groups as the study did, and writes
 * {@code selected_legacy_repos.json} and {@code selected_recent_repos.json}.
 *
 * <ol>
 *   <li>List every model, newest created first, one checkpointed page at a time, keeping the
 *       candidates: last modified on or after the parameter day, created before the cut-off, not
 *       gated, private or disabled, with at least one model file, within the size limit.
 *   <li>Split them into legacy (created before 2022-09-22) and recent; sample both to the same
 *       size, the recent group spread evenly over creation months, with a fixed seed.
 *   <li>Fetch each sampled repository's file details; replace the {@code createdAt} placeholder
 *       of old repositories by the date of their first commit.
 * </ol>
 */
public final class SelectRepositories {
  public static final String STEP = "select";
  private static final DateTimeFormatter PANDAS_UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

  /** A listed model that passed the listing's filters. */
  public record Candidate(String id, String createdAt, boolean createdAtUnknown, String lastModified,
      long listingIndex) {}

  /** A checkpointed listing page. */
  public record ListedPage(String url, String next, int models, List<Candidate> candidates) {}

  /** A sampled repository's details, or why it was dropped. */
  public record RepoDetails(String id, String group, String dropped, Map<String, Object> record,
      long createdAtMillis) {}

  private final MiningContext ctx;
  private final MiningParameters params;

  public SelectRepositories(MiningContext ctx, MiningParameters params) {
    this.ctx = ctx;
    this.params = params;
  }

  public StepResult run() {
    MiningRun run = MiningRun.of(STEP, params.asMap(), ctx);
    try (MiningRun.Checkpoint<ListedPage> pages = run.checkpoint("select-pages", ListedPage.class);
        MiningRun.Checkpoint<RepoDetails> details = run.checkpoint("select-details", RepoDetails.class)) {
      if (!list(pages, run)) {
        return run.finish();
      }
      List<Candidate> legacy = new ArrayList<>();
      List<Candidate> recent = new ArrayList<>();
      for (ListedPage page : pages.entries().values()) {
        for (Candidate c : page.candidates()) {
          (isLegacy(c) ? legacy : recent).add(c);
        }
      }
      run.add("candidates_legacy", legacy.size());
      run.add("candidates_recent", recent.size());
      int n = params.perGroup() > 0 ? params.perGroup() : Math.min(legacy.size(), recent.size());
      List<Candidate> sampledLegacy = StratifiedSample.uniform(legacy, n, params.seed(), Candidate::id);
      List<Candidate> sampledRecent = StratifiedSample.byMonth(recent, n, params.seed(),
          c -> YearMonth.from(Instant.parse(c.createdAt()).atZone(ZoneOffset.UTC)), Candidate::id);
      List<Candidate> sampled = new ArrayList<>(sampledLegacy);
      sampled.addAll(sampledRecent);
      sampled.sort(Comparator.comparing(Candidate::id));
      fetchDetails(sampled, details, run);
      if (!run.hasFailures()) {
        for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
          write(group, details, run);
        }
      }
    } catch (RuntimeException e) {
      run.error("select", e);
      run.finish();
      throw e;
    }
    return run.finish();
  }

  /** Lists page after page from the checkpoint on; false when the listing stopped on an error. */
  private boolean list(MiningRun.Checkpoint<ListedPage> pages, MiningRun run) {
    int index = pages.size();
    long listed = pages.entries().values().stream().mapToLong(ListedPage::models).sum();
    String url = pages.entries().isEmpty()
        ? ctx.hub().firstModelsPage(ModelQuery.byCreationDate(params.pageSize()))
        : pages.entries().get(pages.entries().lastKey()).next();
    run.add("pages_already_listed", index);
    try (Progress progress = run.progress("listing models", params.maxPages())) {
      if (index > 0) {
        progress.step(index);
      }
      while (url != null && (params.maxPages() == 0 || index < params.maxPages())) {
        ModelPage page;
        try {
          page = ctx.hub().modelsPage(url);
        } catch (IOException e) {
          run.error("page " + index, e);
          return false;
        }
        List<Candidate> candidates = new ArrayList<>();
        for (ModelInfo model : page.models()) {
          Optional<String> skipped = eligible(model);
          skipped.ifPresent(reason -> run.count("listing_skipped_" + reason));
          if (skipped.isEmpty()) {
            candidates.add(new Candidate(model.id(), model.createdAt().map(Instant::toString).orElse(""),
                model.createdAtUnknown(), model.lastModified().map(Instant::toString).orElse(""), listed));
          }
          listed++;
        }
        String key = String.format("%08d", index);
        pages.record(key, new ListedPage(url, page.next().orElse(null), page.models().size(), candidates));
        run.count("pages_listed");
        progress.step();
        url = page.next().orElse(null);
        index++;
      }
    }
    return true;
  }

  /** Why a listed model is not a candidate, or empty when it is one. */
  private Optional<String> eligible(ModelInfo model) {
    if (model.lastModified().isEmpty() || model.lastModified().get().isBefore(params.lastModifiedSinceInstant())) {
      return Optional.of("last_modified");
    }
    if (!model.createdAtUnknown() && !model.createdAt().get().isBefore(params.until())) {
      return Optional.of("created_after_cutoff");
    }
    if (model.isGated() || model.isPrivate() || model.disabled()) {
      return Optional.of("gated_private_or_disabled");
    }
    if (model.siblings().stream().noneMatch(s -> ModelFiles.isModelFile(s.rfilename(), ModelFiles.Scope.STUDY))) {
      return Optional.of("no_model_file");
    }
    if (params.sizeLimitBytes() > 0 && model.usedStorage().orElse(0) > params.sizeLimitBytes()) {
      return Optional.of("size");
    }
    return Optional.empty();
  }

  private boolean isLegacy(Candidate c) {
    return c.createdAtUnknown() || Instant.parse(c.createdAt()).isBefore(params.legacyBeforeInstant());
  }

  private void fetchDetails(List<Candidate> sampled, MiningRun.Checkpoint<RepoDetails> details, MiningRun run) {
    try (Progress progress = run.progress("repository details", sampled.size())) {
      for (Candidate c : sampled) {
        progress.step();
        if (details.isDone(c.id())) {
          run.count("details_already_done");
          continue;
        }
        String group = isLegacy(c) ? "legacy" : "recent";
        try {
          details.record(c.id(), describe(c, group));
          run.count("details_fetched");
        } catch (HubException e) {
          if (!e.repositoryUnavailable()) {
            run.error(c.id(), e);
            continue;
          }
          details.record(c.id(), new RepoDetails(c.id(), group, e.reason().name(), Map.of(), 0));
        } catch (FatalRequestException e) {
          run.error(c.id(), e);
          break; // every further request would be refused too: rerun later to resume
        } catch (IOException e) {
          run.error(c.id(), e);
        }
      }
    }
  }

  private RepoDetails describe(Candidate c, String group) throws IOException {
    ModelInfo info = ctx.hub().modelInfo(c.id());
    if (info.isGated()) {
      return new RepoDetails(c.id(), group, "GATED", Map.of(), 0);
    }
    long size = info.siblings().stream().mapToLong(s -> s.size().orElse(0)).sum();
    if (params.sizeLimitBytes() > 0 && size > params.sizeLimitBytes()) {
      return new RepoDetails(c.id(), group, "SIZE", Map.of(), 0);
    }
    if (info.siblings().stream().noneMatch(s -> ModelFiles.isModelFile(s.rfilename(), ModelFiles.Scope.STUDY))) {
      return new RepoDetails(c.id(), group, "NO_MODEL_FILE", Map.of(), 0);
    }
    Instant created = info.createdAt().orElse(ModelInfo.CREATED_AT_SENTINEL);
    if (info.createdAtUnknown()) {
      Optional<HubCommit> first = ctx.hub().firstCommit(c.id(), "main");
      if (first.isPresent()) {
        created = first.get().date();
      }
    }
    Map<String, Object> record = new LinkedHashMap<>();
    if (group.equals("recent")) {
      record.put("index", c.listingIndex());
    }
    long lastModified = info.lastModified().map(Instant::toEpochMilli).orElse(0L);
    record.put("id", c.id());
    record.put("author", info.author().orElse(null));
    record.put("sha", info.sha().orElse(null));
    record.put("created_at", created.toEpochMilli());
    record.put("last_modified", lastModified);
    // The field order and null placeholders of the study's files (huggingface_hub.ModelInfo).
    record.put("private", info.isPrivate());
    record.put("disabled", null);
    record.put("downloads", info.downloads());
    record.put("downloads_all_time", null);
    record.put("gated", false);
    record.put("gguf", null);
    record.put("inference", null);
    record.put("likes", info.likes());
    record.put("library_name", info.libraryName().orElse(null));
    record.put("tags", info.tags());
    record.put("pipeline_tag", info.pipelineTag().orElse(null));
    record.put("mask_token", info.maskToken().orElse(null));
    for (String placeholder : List.of("card_data", "widget_data", "model_index", "config", "transformers_info",
        "trending_score")) {
      record.put(placeholder, null);
    }
    List<Object> siblings = new ArrayList<>();
    for (Sibling s : info.siblings()) {
      Map<String, Object> sibling = new LinkedHashMap<>();
      sibling.put("rfilename", s.rfilename());
      sibling.put("size", s.size().isPresent() ? s.size().getAsLong() : null);
      sibling.put("blob_id", s.blobId().orElse(null));
      sibling.put("lfs", s.lfs().map(lfs -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sha256", lfs.sha256());
        m.put("size", lfs.size());
        m.put("pointer_size", lfs.pointerSize());
        return (Object) m;
      }).orElse(null));
      // Python's rfilename.rsplit(".", 2)[-1]: the text after the last dot, or the whole name.
      sibling.put("extension", s.rfilename().substring(s.rfilename().lastIndexOf('.') + 1));
      siblings.add(sibling);
    }
    record.put("siblings", siblings);
    record.put("spaces", null);
    record.put("safetensors", null);
    record.put("security_repo_status", null);
    record.put("lastModified", PANDAS_UTC.format(Instant.ofEpochMilli(lastModified)));
    record.put("size", size);
    return new RepoDetails(c.id(), group, null, record, created.toEpochMilli());
  }

  private void write(Group group, MiningRun.Checkpoint<RepoDetails> details, MiningRun run) {
    List<RepoDetails> kept = details.entries().values().stream()
        .filter(d -> d.group().equals(group.fileSuffix()) && d.dropped() == null)
        .sorted(Comparator.comparingLong(RepoDetails::createdAtMillis).thenComparing(RepoDetails::id))
        .toList();
    details.entries().values().stream()
        .filter(d -> d.group().equals(group.fileSuffix()) && d.dropped() != null)
        .forEach(d -> run.count("dropped_" + group.fileSuffix() + "_" + d.dropped().toLowerCase()));
    List<Object> records = new ArrayList<>(kept.stream().map(RepoDetails::record).toList());
    AtomicFiles.writeString(ctx.layout().selectedRepos(group), PandasJson.write(records));
    run.add("selected_" + group.fileSuffix(), kept.size());
    run.wrote(ctx.layout().selectedRepos(group));
  }
}
