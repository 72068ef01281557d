package org.modelevolution.mining;

import static org.modelevolution.mining.FakeRepo.delete;
import static org.modelevolution.mining.FakeRepo.git;
import static org.modelevolution.mining.FakeRepo.lfs;
import static org.modelevolution.mining.FakeRepo.link;
import static org.modelevolution.mining.FakeRepo.rename;
import static org.modelevolution.mining.FakeRepo.text;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import okhttp3.Interceptor;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.io.Sha256;

/**
 * The fake Hub of the pipeline tests: nine repositories of real corpus files (three legacy and
 * three recent candidates, and three that the selection must leave out), bot PRs in the
 * conversions dataset and in the bot's feed, and the expected study labels of the corpus files.
 */
final class Scenario {
  static final String BOT_MESSAGE = "Adding `safetensors` variant of this model (#1)\n\n\n"
      + "- Adding `safetensors` variant of this model (a1b2c3d4e5f60718293a4b5c6d7e8f9012345678)\n\n\n"
      + "Co-authored-by: Safetensors convertbot <SFconvertbot@users.noreply.huggingface.co>";

  final Path corpus;
  final FakeHub hub = new FakeHub();
  final Map<String, String> labelBySha256 = new HashMap<>();

  Scenario(Path corpus, Path gitRoot) throws IOException {
    this.corpus = corpus;
    CsvMapper mapper = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(corpus.resolve("labels.csv").toFile())) {
      while (rows.hasNext()) {
        Map<String, String> row = rows.next();
        labelBySha256.put(Sha256.of(corpus.resolve(row.get("path"))), row.get("study_label"));
      }
    }
    for (FakeRepo repo : repos()) {
      hub.add(repo, gitRoot);
    }
    prs();
  }

  private Path c(String path) {
    return corpus.resolve(path);
  }

  private List<FakeRepo> repos() {
    return List.of(
        // Legacy, createdAt placeholder: created_at must come from the first commit.
        new FakeRepo("oldlab/legacy-gpt", "2022-03-02T23:29:04.000Z", "2024-03-05T10:00:00.000Z")
            .commit("system", "2021-07-14T10:02:45Z", "initial commit", text(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n"))
            .commit("Berg, Zoë", "2021-07-15T08:00:00Z", "Upload model\n\nWith \"quotes\", commas",
                lfs("pytorch_model.bin", c("torch_zip/pytorch_model.bin")), text("config.json", "{\"model_type\": \"gpt2\"}\n"))
            .commit("Berg, Zoë", "2023-03-14T10:30:00Z", BOT_MESSAGE,
                lfs("model.safetensors", c("safetensors/f32_with_metadata.safetensors")))
            .commit("jdoe", "2024-03-05T10:00:00Z", "Update README.md", text("README.md", "# legacy gpt\n")),
        // Legacy: HDF5 via LFS, a pickle stored in git, a rename into a folder, a symlink, a deletion.
        new FakeRepo("acme/keras-old", "2022-05-01T12:00:00.000Z", "2024-06-01T09:00:00.000Z")
            .commit("system", "2022-05-01T12:00:00Z", "initial commit", text(".gitattributes", "*.h5 filter=lfs\n"))
            .commit("Alice", "2022-05-02T12:00:00Z", "add weights",
                lfs("tf_model.h5", c("hdf5/keras_full_model.h5")), git("scaler.pkl", c("pickle/arrays_p2.pickle")),
                lfs("extra.h5", c("hdf5/keras_two_layers.h5")))
            .commit("Alice", "2023-01-10T12:00:00Z", "move weights", rename("tf_model.h5", "weights/tf_model.h5"),
                link("last.ckpt", "weights/tf_model.h5"))
            .commit("Alice", "2024-06-01T09:00:00Z", "drop extra, real checkpoint", delete("extra.h5"),
                lfs("last.ckpt", c("edge/last.ckpt"))),
        // Legacy, created the day before the release; ONNX, then joblib; shares a blob with a recent repo.
        new FakeRepo("acme/onnx-old", "2022-09-21T23:59:59.000Z", "2024-01-02T00:00:00.000Z")
            .commit("system", "2022-09-21T23:59:59Z", "initial commit", text("README.md", "onnx\n"))
            .commit("Bob", "2022-10-01T00:00:00Z", "export", lfs("model.onnx", c("onnx/add_opset13.onnx")),
                lfs("model.safetensors", c("safetensors/f16_bf16.safetensors")))
            .commit("Bob", "2024-01-02T00:00:00Z", "sklearn too", lfs("clf.joblib", c("joblib/arrays_uncompressed.joblib"))),
        // Left out: gated, stale, without model files.
        new FakeRepo("acme/gated-old", "2021-01-01T00:00:00.000Z", "2024-05-01T00:00:00.000Z").gated("manual")
            .commit("system", "2021-01-01T00:00:00Z", "initial commit", lfs("pytorch_model.bin", c("torch_zip/single_tensor.pt"))),
        new FakeRepo("acme/stale", "2021-02-01T00:00:00.000Z", "2023-12-31T23:59:59.000Z")
            .commit("system", "2021-02-01T00:00:00Z", "initial commit", lfs("pytorch_model.bin", c("torch_zip/single_tensor.pt"))),
        new FakeRepo("acme/no-models", "2021-03-01T00:00:00.000Z", "2024-02-01T00:00:00.000Z")
            .commit("system", "2021-03-01T00:00:00Z", "initial commit", text("README.md", "nothing\n")),
        // Recent, created at the release instant; a file name with a space (is_in_commit False rule).
        new FakeRepo("acme-lab/tiny-bert-sst2", "2022-09-22T00:00:00.000Z", "2024-10-02T08:15:10.000Z")
            .commit("system", "2022-09-22T00:00:00Z", "initial commit", text(".gitattributes", "*.safetensors filter=lfs\n"))
            .commit("jdoe", "2024-09-23T19:44:02Z", "Upload BertForSequenceClassification",
                lfs("model.safetensors", c("safetensors/many_tensors.safetensors")),
                lfs("my model.safetensors", c("safetensors/ints_bool.safetensors")))
            .commit("jdoe", "2024-10-02T08:15:10Z", "retrain", lfs("model.safetensors", c("safetensors/conv4d_f16.safetensors"))),
        // Recent; numpy and the safetensors blob of acme/onnx-old again (sniffed once).
        new FakeRepo("newco/npy", "2023-05-10T00:00:00.000Z", "2024-07-01T00:00:00.000Z")
            .commit("system", "2023-05-10T00:00:00Z", "initial commit", text("README.md", "npy\n"))
            .commit("Chen", "2024-07-01T00:00:00Z", "arrays", lfs("emb.npy", c("numpy_npy/f32_2d.npy")),
                lfs("shared.safetensors", c("safetensors/f16_bf16.safetensors")), lfs("legacy.pt", c("torch_legacy/single_tensor_legacy.pt")))
            .commit("Chen", "2024-07-02T00:05:00Z", BOT_MESSAGE.replace("(#1)", "(#7)"),
                lfs("legacy.safetensors", c("safetensors/zero_size_tensor.safetensors"))),
        // Recent, diffusers-style sub-folders.
        new FakeRepo("newco/diffusers", "2024-02-01T00:00:00.000Z", "2024-02-03T00:00:00.000Z")
            .commit("system", "2024-02-01T00:00:00Z", "initial commit", text("model_index.json", "{}\n"))
            .commit("Dana", "2024-02-03T00:00:00Z", "pipeline",
                lfs("unet/diffusion_pytorch_model.safetensors", c("safetensors/flax_i32.safetensors")),
                lfs("vae/diffusion_pytorch_model.bin", c("torch_zip/linear_state_dict.pt")),
                text("unet/config.json", "{}\n")),
        // Left out: created after the cut-off.
        new FakeRepo("newco/too-new", "2025-02-01T00:00:00.000Z", "2025-02-02T00:00:00.000Z")
            .commit("system", "2025-02-01T00:00:00Z", "initial commit", lfs("model.safetensors", c("safetensors/f64_no_metadata.safetensors"))));
  }

  /** The repository gated after the selection listed it: served to the token only. */
  static final String GATED_LATER = "lab/gated-later";
  static final String RENAMED_OLD = "oldname/renamed-model";
  static final String RENAMED_NEW = "newname/renamed-model";

  /**
   * The hard cases of issue 12 on top of the base scenario: a repository gated after the listing
   * (git and resolve answer only the token) holding a 2.3 MB ONNX file (larger than the head
   * window, not a zip); a git endpoint failing transiently (three 503s); a PR whose
   * {@code filesWithConflicts} is the literal {@code true}; and a renamed repository whose PR the
   * conversions dataset names under the old id and the feed under the new one.
   */
  Scenario withHardCases(Path gitRoot) {
    hub.add(new FakeRepo(GATED_LATER, "2022-06-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z").tokenOnly()
        .commit("system", "2022-06-01T00:00:00Z", "initial commit", text("README.md", "vad\n"))
        .commit("Eve", "2022-06-02T00:00:00Z", "add the voice activity detector",
            lfs("silero_vad.onnx", c("onnx/silero_vad_v5.onnx")), lfs("pytorch_model.bin", c("torch_zip/dtypes_dict.pt")))
        .commit("Eve", "2024-04-01T00:00:00Z", "safetensors too", lfs("model.safetensors", c("safetensors/f32_with_metadata.safetensors"))),
        gitRoot);
    // A fourth recent candidate, so that the balanced sample keeps all four legacy ones.
    hub.add(new FakeRepo("newco/recent-extra", "2023-08-01T00:00:00.000Z", "2024-03-01T00:00:00.000Z")
        .commit("system", "2023-08-01T00:00:00Z", "initial commit", text("README.md", "extra\n"))
        .commit("Finn", "2024-03-01T00:00:00Z", "weights", lfs("model.safetensors", c("safetensors/many_tensors.safetensors")),
            lfs("model.onnx", c("onnx/silero_vad_legacy.onnx"))),
        gitRoot);
    hub.gitFailures.put("acme/keras-old", new java.util.concurrent.atomic.AtomicInteger(3));
    hub.prs.put("newco/diffusers#2", new FakeHub.Pr("newco/diffusers", 2, "open", "2024-02-05T00:00:00.000Z",
        List.of(), com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
    hub.prs.put(RENAMED_NEW + "#3", new FakeHub.Pr(RENAMED_NEW, 3, "merged", "2023-04-01T00:00:00.000Z",
        List.of(FakeHub.statusChange("2023-04-02T00:00:00.000Z", "merged", Optional.of(FakeHub.user("owner", false)))),
        FakeHub.JSON.createArrayNode()));
    hub.renames.put(RENAMED_OLD, RENAMED_NEW);
    hub.conversionsCsv += "oldname/renamed-model,https://huggingface.co/" + RENAMED_OLD + "/discussions/3,2023-04-01 00:00:00\n";
    List<com.fasterxml.jackson.databind.node.ObjectNode> extra = List.of(
        FakeHub.feedItem("newco/diffusers", 2, true, "2024-02-05T00:00:00.000Z"),
        FakeHub.feedItem(RENAMED_NEW, 3, true, "2023-04-01T00:00:00.000Z"));
    List<List<com.fasterxml.jackson.databind.node.ObjectNode>> pages = new java.util.ArrayList<>(hub.feedPages);
    pages.add(extra);
    hub.feedPages = List.copyOf(pages);
    return this;
  }

  private void prs() {
    hub.prs.put("oldlab/legacy-gpt#1", new FakeHub.Pr("oldlab/legacy-gpt", 1, "merged", "2023-03-14T10:22:33.000Z",
        List.of(FakeHub.statusChange("2023-03-14T10:30:00.000Z", "merged", Optional.of(FakeHub.user("jdoe", false)))),
        FakeHub.JSON.createArrayNode()));
    hub.prs.put("acme/keras-old#3", new FakeHub.Pr("acme/keras-old", 3, "closed", "2023-03-15T09:00:00.000Z",
        List.of(FakeHub.statusChange("2023-03-16T09:00:00.000Z", "closed", Optional.of(FakeHub.user("SFconvertbot", false))),
            FakeHub.statusChange("2023-03-17T09:00:00.000Z", "open", Optional.of(FakeHub.user("hf-staffer", true))),
            FakeHub.statusChange("2023-03-18T09:00:00.000Z", "closed", Optional.empty())),
        FakeHub.JSON.createArrayNode().add("tf_model.h5")));
    hub.prs.put("acme-lab/tiny-bert-sst2#4", new FakeHub.Pr("acme-lab/tiny-bert-sst2", 4, "open", "2024-09-30T14:02:31.000Z",
        List.of(), FakeHub.JSON.createArrayNode()));
    // Known only from the converter's merge commit in the history (and from the repository's list).
    hub.prs.put("newco/npy#7", new FakeHub.Pr("newco/npy", 7, "merged", "2024-07-02T00:00:00.000Z",
        List.of(FakeHub.statusChange("2024-07-02T00:05:00.000Z", "merged", Optional.of(FakeHub.user("Chen", false)))),
        FakeHub.JSON.createArrayNode()));
    hub.conversionsCsv = "model_id,pr_url,time\n"
        + "oldlab/legacy-gpt,https://huggingface.co/oldlab/legacy-gpt/discussions/1,2023-03-14 10:22:33.123456\n"
        + "acme/keras-old,https://huggingface.co/acme/keras-old/discussions/3,2023-03-15 09:00:00\n"
        + "acme/gone,https://huggingface.co/acme/gone/discussions/1,2023-03-16 10:25:01.004512\n";
    hub.feedPages = List.of(
        List.of(FakeHub.feedItem("acme-lab/tiny-bert-sst2", 4, true, "2024-09-30T14:02:31.000Z"),
            FakeHub.feedItem("acme-lab/tiny-bert-sst2", 2, false, "2024-09-25T09:11:05.000Z")),
        List.of(FakeHub.feedItem("oldlab/legacy-gpt", 1, true, "2023-03-14T10:22:33.000Z")));
  }

  /** The pipeline's context against {@code server}, with retries that do not sleep. */
  MiningContext context(Path out, MockWebServer server, Path gitRoot, Optional<Interceptor> crash) {
    return context(out, server, crash, false);
  }

  /**
   * The pipeline's context against {@code server}: clones over the fake Hub's smart HTTP, retries
   * that do not sleep, and with {@code token} the token that opens the gated repositories.
   */
  MiningContext context(Path out, MockWebServer server, Optional<Interceptor> crash, boolean token) {
    return clients(server, crash, token).context(new MiningLayout(out), Optional.empty())
        .withProgress(MiningContext.ProgressFactory.SILENT)
        .withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  static MiningClients clients(MockWebServer server, Optional<Interceptor> crash, boolean token) {
    Endpoint endpoint = token
        ? Service.HUGGING_FACE.endpoint(Map.of("HF_ENDPOINT", server.url("/").toString(), "HF_TOKEN", FakeHub.TOKEN))
        : Endpoint.anonymous(Service.HUGGING_FACE, server.url("/"));
    RetryPolicy policy = RetryPolicy.standard().withSleeper(d -> {}).withMaxRetries(12);
    return MiningClients.of(endpoint, policy, crash.stream().toList());
  }

  static byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }
}
