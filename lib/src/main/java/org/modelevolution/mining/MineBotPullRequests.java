package org.modelevolution.mining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelevolution.http.FatalRequestException;
import org.modelevolution.hub.ActivityPage;
import org.modelevolution.hub.HubException;
import org.modelevolution.io.AtomicFiles;
import org.modelevolution.io.PandasCsv;
import org.modelevolution.progress.Progress;
import org.modelevolution.study.Group;

/**
 * Step 4: the SFConvertBot pull requests and what became of them, written as
 * {@code sfconvertbot_pr_metadata.csv} (the study's schema) and {@code sfconvertbot_pr_status.csv}
 * (status, files with conflicts, events and the first status change not made by the bot).
 *
 * <p>The PRs are gathered from confirmed sources, the conversion Space's log (the
 * {@code safetensors/conversions} dataset's {@code data.csv}, stale) and the converter's merge
 * commits in the mined histories (their title names the PR), and from the bot's activity feed
 * ({@code /api/recent-activity}, undocumented). If the feed fails or changes shape, the step notes
 * it in the run manifest and falls back to the confirmed discussion list of every selected
 * repository, filtered by the bot's name. Each PR's details and events then come from the
 * discussion API through a {@link DiscussionSource}, one checkpointed unit per PR.
 */
public final class MineBotPullRequests {
  public static final String STEP = "bot-prs";
  public static final String BOT = "SFconvertbot";
  public static final String CONVERSIONS = "safetensors/conversions";
  static final String TITLE = "Adding `safetensors` variant of this model";
  private static final Pattern MERGE_TITLE =
      Pattern.compile("^Adding `safetensors` variant of this model \\(#(\\d+)\\)");
  private static final Pattern PR_URL = Pattern.compile("^https?://[^/]+/(.+)/discussions/(\\d+)$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PR_URL_PREFIX = "https://huggingface.co/";
  private static final int MAX_FEED_PAGES = 10_000;

  /** A PR to look at. */
  public record PrRef(String prUrl, String repoId, int num) {}

  /** The bot's PR numbers in one repository. */
  public record RepoPrs(List<Integer> nums) {}

  /** A checkpointed feed page: the PRs it named and the cursor of the next page (null at the end). */
  public record FeedPage(String cursor, String next, List<PrRef> prs) {}

  /**
   * A PR's outcome, or the HTTP status that prevented reading it. {@code prUrl} and
   * {@code modelId} name the repository as the discussion does now ({@code repo.name}), whatever
   * name the source used; {@code discussionId} is the Hub's {@code _id} (empty for an error row).
   */
  public record PrRecord(String prUrl, String modelId, String time, String discussionMetadata,
      String headerMetadata, String status, String filesWithConflicts, int events,
      String firstHumanStatus, String firstHumanStatusBy, String firstHumanStatusAt,
      boolean firstHumanStatusByHfStaff, boolean botPr, String discussionId) {

    /** One row per discussion: the Hub's id in its current repository, or the URL when unread. */
    String identity() {
      return discussionId == null || discussionId.isEmpty() ? prUrl : discussionId + " " + modelId;
    }
  }

  private final MiningContext ctx;

  public MineBotPullRequests(MiningContext ctx) {
    this.ctx = ctx;
  }

  public StepResult run() {
    MiningRun run = MiningRun.of(STEP, Map.of("bot", BOT, "dataset", CONVERSIONS), ctx);
    TreeMap<String, PrRef> prs = new TreeMap<>();
    try {
      conversions(run).forEach(pr -> prs.putIfAbsent(pr.prUrl(), pr));
    } catch (IOException | UncheckedIOException e) {
      run.error("conversions data.csv", e);
      return run.finish();
    }
    run.add("prs_from_dataset", prs.size());
    long before = prs.size();
    commitTitles(run).forEach(pr -> prs.putIfAbsent(pr.prUrl(), pr));
    run.add("prs_only_in_commit_titles", prs.size() - before);
    boolean feedWorks;
    try (MiningRun.Checkpoint<FeedPage> feed = run.checkpoint("bot-feed", FeedPage.class)) {
      feedWorks = feed(feed, run);
      before = prs.size();
      feed.entries().values().forEach(page -> page.prs().forEach(pr -> prs.putIfAbsent(pr.prUrl(), pr)));
      run.add("prs_only_in_feed", prs.size() - before);
    }
    if (!feedWorks) {
      before = prs.size();
      listSelectedRepositories(run).forEach(pr -> prs.putIfAbsent(pr.prUrl(), pr));
      run.add("prs_only_in_repository_lists", prs.size() - before);
    }
    try (MiningRun.Checkpoint<PrRecord> journal = run.checkpoint(STEP, PrRecord.class);
        Progress progress = run.progress("bot pull requests", prs.size())) {
      for (PrRef pr : prs.values()) {
        progress.step();
        if (journal.isDone(pr.prUrl())) {
          run.count("prs_already_done");
          continue;
        }
        try {
          journal.record(pr.prUrl(), fetch(pr));
          run.count("prs_fetched");
        } catch (FatalRequestException e) {
          run.error(pr.prUrl(), e);
          break; // every further request would be refused too: rerun later to resume
        } catch (IOException | UncheckedIOException e) {
          run.error(pr.prUrl(), e);
        }
      }
      write(journal, run);
    }
    return run.finish();
  }

  /** The PRs logged in the conversions dataset, cached under {@code work/} once downloaded. */
  private List<PrRef> conversions(MiningRun run) throws IOException {
    Path cached = ctx.layout().work().resolve("bot").resolve("conversions-data.csv");
    if (!Files.isRegularFile(cached)) {
      byte[] csv = ctx.hub().datasetFile(CONVERSIONS, "main", "data.csv", 1L << 30);
      AtomicFiles.write(cached, csv);
    }
    run.read(cached);
    List<PrRef> prs = new ArrayList<>();
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(cached.toFile())) {
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        Optional<PrRef> pr = parsePrUrl(row.getOrDefault("pr_url", ""));
        if (pr.isEmpty()) {
          run.count("dataset_rows_not_model_prs");
          continue;
        }
        prs.add(pr.get());
      }
    }
    return prs;
  }

  static Optional<PrRef> parsePrUrl(String url) {
    Matcher m = PR_URL.matcher(url.strip());
    if (!m.matches() || m.group(1).startsWith("spaces/") || m.group(1).startsWith("datasets/")) {
      return Optional.empty();
    }
    return Optional.of(new PrRef(url.strip(), m.group(1), Integer.parseInt(m.group(2))));
  }

  /**
   * The PRs behind the converter's merge commits in the mined histories: their title is the PR's
   * ({@code Adding `safetensors` variant of this model (#N)}), which names the discussion number.
   */
  private List<PrRef> commitTitles(MiningRun run) {
    List<PrRef> prs = new ArrayList<>();
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      Path commits = ctx.layout().selectedCommits(group);
      if (!Files.isRegularFile(commits)) {
        continue;
      }
      run.read(commits);
      CsvMapper mapper = new CsvMapper();
      try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
          .with(CsvSchema.emptySchema().withHeader()).readValues(commits.toFile())) {
        while (rows.hasNext()) {
          Map<String, String> row = rows.next();
          Matcher m = MERGE_TITLE.matcher(row.getOrDefault("message", ""));
          if (m.find()) {
            String repoId = row.get("repo_url");
            int num = Integer.parseInt(m.group(1));
            prs.add(new PrRef(PR_URL_PREFIX + repoId + "/discussions/" + num, repoId, num));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + commits, e);
      }
    }
    return prs;
  }

  /**
   * The confirmed fallback when the feed is unavailable: the bot's PRs in each selected
   * repository, from the discussion list filtered by author, one checkpointed unit per repository.
   */
  private List<PrRef> listSelectedRepositories(MiningRun run) {
    List<String> ids = new ArrayList<>();
    for (Group group : List.of(Group.LEGACY, Group.RECENT)) {
      if (Files.isRegularFile(ctx.layout().selectedRepos(group))) {
        ids.addAll(SelectedRepos.ids(ctx.layout().selectedRepos(group)));
      }
    }
    List<PrRef> prs = new ArrayList<>();
    try (MiningRun.Checkpoint<RepoPrs> journal = run.checkpoint("bot-repo-prs", RepoPrs.class)) {
      for (String id : ids.stream().sorted().toList()) {
        if (!journal.isDone(id)) {
          try {
            journal.record(id, new RepoPrs(ctx.discussions().pullRequestsBy(id, BOT)));
            run.count("repositories_listed");
          } catch (IOException e) {
            run.error("pull requests of " + id, e);
            continue;
          }
        }
        journal.get(id).orElseThrow().nums()
            .forEach(num -> prs.add(new PrRef(PR_URL_PREFIX + id + "/discussions/" + num, id, num)));
      }
    }
    return prs;
  }

  /** Reads the bot's feed page by page from the checkpoint on; false when it failed (any failure only ends it). */
  private boolean feed(MiningRun.Checkpoint<FeedPage> feed, MiningRun run) {
    String cursor = null;
    if (!feed.entries().isEmpty()) {
      FeedPage last = feed.entries().get(feed.entries().lastKey());
      if (last.next() == null) {
        return true;
      }
      cursor = last.next();
    }
    int index = feed.size();
    try {
      while (index < MAX_FEED_PAGES) {
        ActivityPage page = ctx.hub().recentActivity(BOT, "discussion", Optional.ofNullable(cursor));
        List<PrRef> prs = new ArrayList<>();
        for (JsonNode item : page.items()) {
          JsonNode data = item.path("discussionData");
          if (!"model".equals(item.path("repoType").asText()) || !data.path("isPullRequest").asBoolean(false)
              || !data.has("num") || !item.has("repoId")) {
            continue;
          }
          String repoId = item.get("repoId").asText();
          int num = data.get("num").asInt();
          // The study's identifier form, whatever endpoint served the feed.
          prs.add(new PrRef(PR_URL_PREFIX + repoId + "/discussions/" + num, repoId, num));
        }
        String next = page.items().isEmpty() || page.cursor().isEmpty() || page.cursor().get().equals(cursor)
            ? null : page.cursor().get();
        String key = String.format("%08d", index);
        feed.record(key, new FeedPage(cursor, next, prs));
        run.count("feed_pages");
        if (next == null) {
          return true;
        }
        cursor = next;
        index++;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      run.count("feed_unavailable");
      run.note("activity feed", "unavailable, falling back to the discussion lists of the selected repositories: "
          + e.getMessage());
      return false;
    }
  }

  private PrRecord fetch(PrRef pr) throws IOException {
    JsonNode details;
    try {
      details = ctx.discussions().details(pr.repoId(), pr.num());
    } catch (HubException e) {
      if (e.reason() == HubException.Reason.HTTP_ERROR || e.reason() == HubException.Reason.MALFORMED_RESPONSE
          || e.reason() == HubException.Reason.BAD_CREDENTIALS) {
        throw e;
      }
      String error = "HTTP Error (status code: " + e.status() + ")";
      return new PrRecord(pr.prUrl(), "", "", error, error, "", "", 0, "", "", "", false, true, "");
    }
    return describe(pr, details);
  }

  /**
   * The row of a PR from its details. A renamed repository's PR is named by its current
   * {@code repo.name} (the Hub answers the old name with a redirect, gotcha #4), so that sources
   * naming it under the old and the new id give the same row.
   */
  static PrRecord describe(PrRef pr, JsonNode details) {
    ObjectNode discussion = details.deepCopy();
    discussion.remove("diff");
    String repoId = discussion.path("repo").path("name").asText("");
    if (repoId.isEmpty()) {
      repoId = pr.repoId();
    }
    int num = discussion.path("num").canConvertToInt() ? discussion.path("num").asInt() : pr.num();
    String prUrl = repoId.equals(pr.repoId()) && num == pr.num() ? pr.prUrl()
        : PR_URL_PREFIX + repoId + "/discussions/" + num;
    ObjectNode eventsBlock = JSON.createObjectNode();
    eventsBlock.put("apiBaseUrl", "/api/models/" + repoId);
    eventsBlock.set("discussion", discussion);
    ObjectNode headerDiscussion = discussion.deepCopy();
    headerDiscussion.remove(List.of("events", "diffUrl"));
    ObjectNode header = JSON.createObjectNode();
    header.set("discussion", headerDiscussion);
    header.set("repo", discussion.path("repo").deepCopy());

    String author = discussion.path("author").path("name").asText("deleted");
    boolean botPr = discussion.path("isPullRequest").asBoolean(false)
        && (BOT.equalsIgnoreCase(author) || TITLE.equals(discussion.path("title").asText()));
    JsonNode conflicts = discussion.get("filesWithConflicts");
    String conflictText = conflicts == null ? "" : conflicts.isArray()
        ? String.join(";", iterable(conflicts)) : conflicts.asText();
    String firstStatus = "";
    String firstBy = "";
    String firstAt = "";
    boolean firstByStaff = false;
    JsonNode events = discussion.path("events");
    for (JsonNode event : events) {
      String by = event.path("author").path("name").asText("deleted");
      if ("status-change".equals(event.path("type").asText()) && !BOT.equalsIgnoreCase(by)) {
        firstStatus = event.path("data").path("status").asText("");
        firstBy = by;
        firstAt = event.path("createdAt").asText("");
        firstByStaff = event.path("author").path("isHf").asBoolean(false);
        break;
      }
    }
    return new PrRecord(prUrl, repoId, discussion.path("createdAt").asText(""),
        compact(eventsBlock), compact(header), discussion.path("status").asText(""), conflictText,
        events.size(), firstStatus, firstBy, firstAt, firstByStaff, botPr, discussion.path("_id").asText(""));
  }

  private static List<String> iterable(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String compact(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(MiningRun.Checkpoint<PrRecord> journal, MiningRun run) {
    // Sources name a renamed repository's PR under both ids: one row per discussion.
    Map<String, PrRecord> unique = new TreeMap<>();
    journal.entries().values().stream().filter(PrRecord::botPr).forEach(r -> unique.putIfAbsent(r.identity(), r));
    run.add("prs_same_discussion_under_another_name",
        journal.entries().values().stream().filter(PrRecord::botPr).count() - unique.size());
    List<PrRecord> rows = unique.values().stream()
        .sorted(Comparator.comparing((PrRecord r) -> r.time().isEmpty() ? 1 : 0)
            .thenComparing(PrRecord::time, Comparator.reverseOrder())
            .thenComparing(PrRecord::prUrl))
        .toList();
    run.add("prs_not_by_bot", journal.entries().values().stream().filter(r -> !r.botPr()).count());
    StringBuilder metadata = new StringBuilder(PandasCsv.line("pr_url", "discussion_metadata", "header_metadata",
        "model_id", "time"));
    StringBuilder status = new StringBuilder(PandasCsv.line("pr_url", "model_id", "time", "status",
        "files_with_conflicts", "events", "first_non_bot_status", "first_non_bot_status_by",
        "first_non_bot_status_at", "first_non_bot_status_by_hf_staff"));
    for (PrRecord r : rows) {
      metadata.append(PandasCsv.line(r.prUrl(), r.discussionMetadata(), r.headerMetadata(), r.modelId(), r.time()));
      status.append(PandasCsv.line(r.prUrl(), r.modelId(), r.time(), r.status(), r.filesWithConflicts(),
          Integer.toString(r.events()), r.firstHumanStatus(), r.firstHumanStatusBy(), r.firstHumanStatusAt(),
          r.firstHumanStatusAt().isEmpty() ? "" : r.firstHumanStatusByHfStaff() ? "True" : "False"));
    }
    AtomicFiles.write(ctx.layout().botPrMetadata(), metadata.toString().getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(ctx.layout().botPrStatus(), status.toString().getBytes(StandardCharsets.UTF_8));
    run.add("rows", rows.size());
    run.wrote(ctx.layout().botPrMetadata());
    run.wrote(ctx.layout().botPrStatus());
  }
}
