package org.modelevolution.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.modelevolution.io.PandasCsv;
import org.modelevolution.io.Sha256;
import org.modelevolution.study.CommitTime;
import org.modelevolution.study.Group;
import org.modelevolution.study.StudyManifest;
import org.modelevolution.study.StudySources;

/**
 * A small study data folder made for the tests, in the study's schemas (never a copy of its rows):
 * the published addition files of both groups (with the recent group's developer file, as a
 * download would bring it), the "both" files, the published RQ1 and RQ3 tables with numbers that
 * follow from these rows, the coded PRs, the older PR set, and a manifest that pins some of them.
 *
 * <p>The numbers, worked out by hand: legacy has 5 adopting commits in 4 repositories (3 by the
 * converter in 3 repositories, 2 by developers in 2), first addition after 7 days, busiest elapsed
 * day 40 (2022-11-01, 3 files); recent has 4 commits in 4 repositories (2 and 2), first addition
 * after 84 days, days 84 and 160 tie at 2 files (the study's mode takes 84: 2022-12-15).
 */
public final class StudyFixture {
  public static final String MESSAGE_CONVERTER = "Adding `safetensors` variant of this model (#1)\n\n\n"
      + "Co-authored-by: Safetensors convertbot <SFconvertbot@users.noreply.huggingface.co>";
  private static final List<String> ADDITION_HEADER = List.of("repo_url", "commit_hash", "model_file_path",
      "serialization_format", "message", "author", "date", "is_in_commit", "elapsed_days", "change_status");

  private final Path root;
  private final Path data;
  private final Path facts;
  private final List<StudyManifest.Entry> pins = new ArrayList<>();

  private StudyFixture(Path root) {
    this.root = root;
    this.data = root.resolve("study");
    this.facts = root.resolve("data");
  }

  /** One added safetensors file. */
  public record Row(String repo, String commit, String file, String date, boolean converter) {}

  public static final List<Row> LEGACY_CONVERTER = List.of(
      new Row("org/a", "c1", "model.safetensors", "2022-11-01 10:00:00", true),
      new Row("org/a", "c1", "unet/model.safetensors", "2022-11-01 10:00:00", true),
      new Row("org/b", "c2", "model.safetensors", "2022-11-01 11:00:00", true),
      new Row("org/c", "c3", "model.safetensors", "2023-01-10 09:00:00", true));
  public static final List<Row> LEGACY_DEVELOPERS = List.of(
      new Row("org/d", "d1", "model.safetensors", "2022-09-29 08:00:00", false),
      new Row("org/a", "d2", "extra.safetensors", "2023-01-10 12:00:00", false));
  public static final List<Row> RECENT_CONVERTER = List.of(
      new Row("new/e", "e1", "model.safetensors", "2023-03-01 10:00:00", true),
      new Row("new/f", "f1", "model.safetensors", "2023-03-01 11:00:00", true));
  public static final List<Row> RECENT_DEVELOPERS = List.of(
      new Row("new/g", "g1", "a.safetensors", "2022-12-15 06:35:22", false),
      new Row("new/g", "g1", "b.safetensors", "2022-12-15 06:35:22", false),
      new Row("new/h", "h1", "model.safetensors", "2023-02-01 10:00:00", false));

  /** Writes the folder under {@code root}; {@code withRecentDevelopers} adds the downloadable recent file. */
  public static StudyFixture write(Path root, boolean withRecentDevelopers) {
    StudyFixture fixture = new StudyFixture(root);
    fixture.writeAll(withRecentDevelopers);
    return fixture;
  }

  private void writeAll(boolean withRecentDevelopers) {
    additions("safetensors_commits_by_tool_legacy.csv", LEGACY_CONVERTER);
    additions("safetensors_commits_not_by_tool_legacy.csv", LEGACY_DEVELOPERS);
    additions("safetensors_commits_by_tool_recent.csv", RECENT_CONVERTER);
    additions("safetensors_commits_by_tool_both.csv", concat(RECENT_CONVERTER, LEGACY_CONVERTER));
    if (withRecentDevelopers) {
      additions("safetensors_commits_not_by_tool_recent.csv", RECENT_DEVELOPERS);
      additions("safetensors_commits_not_by_tool_both.csv", concat(RECENT_DEVELOPERS, LEGACY_DEVELOPERS));
    }
    // legacy's leftover rows come from its commit log (absent here): the published counts give the percentage
    text("published/rq1_dataset_stats_legacy.csv", String.join("\n",
        "# commits in all logs (total),40", "# commits modifying/adding/deleting at least one serialized model,20",
        "# repos associated with commits modifying/adding/deleting at least one serialized model,4",
        "# commits adding at least one serialized model,10",
        "# repos associated with commits adding at least one serialized model,4",
        "# commits containing at least one model file in its tree,19", "# commits not containing at least one model file,1",
        "# repos,4", "last commit date,2024-12-30 11:22:26", "# commits adding safetensor files,5",
        "# repos with commits adding safetensor files,4", "# commits adding safetensor files made by the converter,3",
        "# repos with commits adding safetensor files made by the converter,3",
        "# commits adding safetensor files made by developers,2",
        "# repos with commits adding safetensor files made by developers,2",
        "how many days until safetensors is first added,7", "date with max number of adoptions,2022-11-01",
        "# repos that used the conversion tool,3", "# repos with old pytorch_model.bin files after conversion,2",
        "% repos with old pytorch_model.bin files after conversion,66.66666666666666") + "\n");
    text("published/rq1_dataset_stats_recent.csv", String.join("\n",
        "# commits in all logs (total),30", "# commits modifying/adding/deleting at least one serialized model,12",
        "# repos associated with commits modifying/adding/deleting at least one serialized model,4",
        "# commits adding at least one serialized model,6",
        "# repos associated with commits adding at least one serialized model,4",
        "# commits containing at least one model file in its tree,12", "# commits not containing at least one model file,0",
        "# repos,4", "last commit date,2024-12-31 12:30:54", "# commits adding safetensor files,4",
        "# repos with commits adding safetensor files,4", "# commits adding safetensor files made by the converter,2",
        "# repos with commits adding safetensor files made by the converter,2",
        "# commits adding safetensor files made by developers,2",
        "# repos with commits adding safetensor files made by developers,2",
        "how many days until safetensors is first added,84", "date with max number of adoptions,2022-12-15",
        "# repos that used the conversion tool,2", "# repos with old pytorch_model.bin files after conversion,1",
        "% repos with old pytorch_model.bin files after conversion,50.0") + "\n");
    text("published/rq1_dataset_stats_both.csv", String.join("\n",
        "last commit date,2024-12-31 12:30:542024-12-30 11:22:26", "# commits not containing at least one model file,1",
        "# repos associated with commits modifying/adding/deleting at least one serialized model,8", "# repos,8",
        "# commits containing at least one model file in its tree,31", "# commits adding at least one serialized model,32",
        "# commits modifying/adding/deleting at least one serialized model,32", "# commits in all logs (total),70",
        "# repos associated with commits adding at least one serialized model,16", "# commits adding safetensor files,9",
        "# repos with commits adding safetensor files,8", "# commits adding safetensor files made by the converter,5",
        "# repos with commits adding safetensor files made by the converter,5",
        "# commits adding safetensor files made by developers,4",
        "# repos with commits adding safetensor files made by developers,4",
        "how many days until safetensors is first added,7", "date with max number of adoptions,2022-11-01") + "\n");
    text("published/rq3_dataset_stats.csv", String.join("\n", "Number of collected PRs,12.0",
        "Number of PRs after removing missing values,11.0", "Number of PRs after removing invalid JSONs,11.0",
        "Number of PRs after filtering by URL,10.0", "Number of repositories,8.0",
        "Average number of PRs per repository,1.25", "First commit time,2022-11-07T13:00:55.000Z",
        "Last commit time,2024-08-31T23:41:59.000Z", "Number of PRs made by HF staff,3",
        "Number of PRs made by non-HF staff,7") + "\n");
    text("sfconvertbot_pr_metadata_filtered.csv", String.join("\n", ",source,title,url,num_comments,num_authors,"
            + "avg_comment_size,authors",
        "0,SFConvertBot PRs,Adding `safetensors` variant of this model by SFconvertbot (org/a),"
            + "https://huggingface.co/org/a/discussions/1,2.0,2.0,6.5,alice;bob",
        "1,SFConvertBot PRs,Adding `safetensors` variant of this model by SFconvertbot (org/b),"
            + "https://huggingface.co/org/b/discussions/2,3.0,2.0,2.0,carol;dave") + "\n");
    text("sfconvertbot_merge_status.csv", String.join("\n", "model_id,pr_url,time,merged",
        "org/a,https://huggingface.co/org/a/discussions/1,2022-12-01T10:00:00.000Z,merged",
        "org/b,https://huggingface.co/org/b/discussions/2,2023-01-02T10:00:00.000Z,Ready to Merge",
        "org/c,https://huggingface.co/org/c/discussions/3,2023-02-03T10:00:00.000Z,closed") + "\n");
    Path notebookOutputs = facts.resolve("study-notebook-outputs.csv");
    textAt(notebookOutputs, String.join("\n", "rq,iteration,group,source,metric,value,cell",
        "RQ1,final,recent,rq1_analysis.ipynb,df_safetensors['elapsed_days'].min(),84,4",
        "RQ1,final,recent,rq1_analysis.ipynb,fastest adopter 2: elapsed_days,132,9",
        "RQ1,final,recent,rq1_analysis.ipynb,80% of the adoptions happened after,2022-12-15,13",
        "RQ1,final,recent,rq1_analysis.ipynb,80% of the adoptions: days after the first safetensors release,"
            + "84 days 00:00:00,13",
        "RQ3,final,,rq3_analysis.ipynb,Number of PRs after filtering,2,13",
        "RQ3,final,,rq3_analysis.ipynb,\"Number of PRs after filtering, by the stated criteria (rq3_analysis.ipynb"
            + " markdown cell 12: average comment size more than 4 words)\",2,13") + "\n");
    textAt(facts.resolve("safetensors-releases.csv"), "tag,date,source\nv0.2.5,2022-11-23,fixture\n");
    pinBySha256("safetensors_commits_by_tool_legacy.csv");
    pinBySha256("published/rq1_dataset_stats_legacy.csv");
    if (withRecentDevelopers) {
      pinByGitBlob("safetensors_commits_not_by_tool_recent.csv");
    }
  }

  /**
   * A folder with the full input set of the legacy group only (commit log, format table,
   * repository metadata), two repositories: {@code x/a} (created 2021-05-10; adds PyTorch and
   * HDF5 weights in one commit, then the converter adds safetensors in 2023) and {@code x/b}
   * (created at the Hub's placeholder 2022-03-02 23:29:04, after its one commit of 2021-01-05,
   * which adds an ONNX file).
   */
  public static StudyFixture writeFullInputs(Path root) {
    StudyFixture fixture = new StudyFixture(root);
    fixture.text("selected_legacy_repos.json", "[{\"id\":\"x/a\",\"created_at\":\"2021-05-10T00:00:00Z\"},"
        + "{\"id\":\"x/b\",\"created_at\":\"2022-03-02T23:29:04Z\"}]\n");
    fixture.text("selected_legacy_commits.csv", String.join("\n",
        "repo_url,commit_hash,author,date,message,changed_files,all_files_in_tree",
        "x/a,a1,alice,2021-05-11 10:00:00,upload,+ pytorch_model.bin;+ tf_model.h5,pytorch_model.bin;tf_model.h5;README.md",
        "x/a,a2,SFconvertbot,2023-02-01 10:00:00,\"" + MESSAGE_CONVERTER + "\",+ model.safetensors,"
            + "pytorch_model.bin;tf_model.h5;model.safetensors;README.md",
        "x/b,b1,bob,2021-01-05 09:00:00,init,+ model.onnx,model.onnx") + "\n");
    fixture.text("repositories_evolution_legacy_commits_processed.csv", String.join("\n",
        "repo_url,commit_hash,model_file_path,serialization_format,message,author,date,is_in_commit",
        "x/a,a1,x/a/pytorch_model.bin,torch.save,upload,alice,2021-05-11 10:00:00,True",
        "x/a,a1,x/a/tf_model.h5,h5/hdf5,upload,alice,2021-05-11 10:00:00,True",
        "x/a,a2,x/a/pytorch_model.bin,torch.save,\"" + MESSAGE_CONVERTER + "\",SFconvertbot,2023-02-01 10:00:00,False",
        "x/a,a2,x/a/tf_model.h5,h5/hdf5,\"" + MESSAGE_CONVERTER + "\",SFconvertbot,2023-02-01 10:00:00,False",
        "x/a,a2,x/a/model.safetensors,safetensors,\"" + MESSAGE_CONVERTER + "\",SFconvertbot,2023-02-01 10:00:00,True",
        "x/b,b1,x/b/model.onnx,ONNX,init,bob,2021-01-05 09:00:00,True") + "\n");
    textAt(fixture.facts.resolve("safetensors-releases.csv"), "tag,date,source\nv0.2.5,2022-11-23,fixture\n");
    return fixture;
  }

  /** Writes the Stack Overflow posts of RQ4 and a coding database for them into this folder. */
  public StudyFixture withPerceptions() {
    List<String> items = List.of(
        "{\"item_type\":\"question\",\"question_id\":1,\"creation_date\":1700000000,"
            + "\"body\":\"How do I save a model with safetensors instead of pickle serialization?\"}",
        "{\"item_type\":\"question\",\"question_id\":2,\"creation_date\":1700000100,"
            + "\"body\":\"My training loop is slow on the GPU.\"}",
        "{\"item_type\":\"answer\",\"question_id\":1,\"creation_date\":1700000200,"
            + "\"body\":\"Use safetensors: model serialization without code execution.\"}");
    StringBuilder csv = new StringBuilder(PandasCsv.line(List.of("title", "source", "url", "json_content")));
    for (int i = 0; i < items.size(); i++) {
      csv.append(PandasCsv.line(List.of("post " + i, "StackOverflow", "https://stackoverflow.com/q/" + i, items.get(i))));
    }
    text("SO_query_data.csv", csv.toString());
    Path db = data.resolve("db_model_evolution.sqlite3");
    org.modelevolution.perception.CodingDatabase.create(db);
    org.modelevolution.perception.CodingDatabase.write(db, new org.modelevolution.perception.Coding(List.of(
        new org.modelevolution.perception.CodedPost(1, "StackOverflow", items.get(0), true, "", List.of(10L, 11L)),
        new org.modelevolution.perception.CodedPost(2, "StackOverflow", items.get(1), false, "", List.of()),
        new org.modelevolution.perception.CodedPost(3, "StackOverflow", items.get(2), true, "", List.of(10L))),
        List.of(new org.modelevolution.perception.Concept(10, "security", "safe loading", List.of()),
            new org.modelevolution.perception.Concept(11, "conversion", "converting weights", List.of())),
        List.of()));
    return this;
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void additions(String name, List<Row> rows) {
    StringBuilder csv = new StringBuilder(PandasCsv.line(ADDITION_HEADER));
    for (Row r : rows) {
      LocalDateTime date = LocalDateTime.parse(r.date().replace(' ', 'T'));
      csv.append(PandasCsv.line(List.of(r.repo(), r.commit(), r.repo() + "/" + r.file(), "safetensors",
          r.converter() ? MESSAGE_CONVERTER : "Upload " + r.file(), "someone", r.date(), "True",
          Long.toString(CommitTime.elapsedDays(Group.SAFETENSORS_RELEASE, date)), "+")));
    }
    text(name, csv.toString());
  }

  private void text(String name, String content) {
    textAt(data.resolve(name), content);
  }

  private static void textAt(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pinBySha256(String name) {
    pins.add(entry(name, Sha256.of(data.resolve(name)), null));
  }

  private void pinByGitBlob(String name) {
    pins.add(entry(name, null, gitBlobId(data.resolve(name))));
  }

  /** {@code git hash-object}: SHA-1 of {@code "blob <size>\0"} followed by the bytes. */
  public static String gitBlobId(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + bytes.length + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return java.util.HexFormat.of().formatHex(sha1.digest(bytes));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StudyManifest.Entry entry(String name, String sha256, String blob) {
    return new StudyManifest.Entry(name, "results/" + name, "0123456789abcdef0123456789abcdef01234567", null, sha256,
        blob, 0, "final", List.of("RQ1"), null);
  }

  public Path dataDir() {
    return data;
  }

  public Path factsDir() {
    return facts;
  }

  public StudyManifest manifest() {
    List<StudyManifest.Entry> inputs = pins.stream().filter(e -> !e.file().startsWith("published/")).toList();
    List<StudyManifest.Entry> published = pins.stream().filter(e -> e.file().startsWith("published/")).toList();
    return new StudyManifest("fixture", "fixture", inputs, published);
  }

  /** The sources of this folder: its data, its published tables, its fact tables, its manifest. */
  public StudySources sources() {
    return new StudySources(List.of(new StudySources.Root("STUDY_DATA", data)),
        Optional.of(new StudySources.Root("STUDY_DATA/published", data.resolve("published"))),
        Optional.of(new StudySources.Root("data", facts)), manifest());
  }

  public Path root() {
    return root;
  }

  static LocalDate reference() {
    return Group.SAFETENSORS_RELEASE;
  }
}
