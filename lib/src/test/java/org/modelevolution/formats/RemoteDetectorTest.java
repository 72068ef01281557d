package org.modelevolution.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelevolution.http.Endpoint;
import org.modelevolution.http.HttpClients;
import org.modelevolution.http.RetryPolicy;
import org.modelevolution.http.Service;
import org.modelevolution.io.Sha256;

/**
 * The remote reader against a fake Hub and a fake CDN (two mockwebserver3 instances) serving
 * corpus files the way api-reference.md §1.10 describes: LFS files answer 302 from the Hub with
 * {@code X-Linked-Etag}/{@code X-Linked-Size}, and the CDN honours {@code Range} with 206 and
 * {@code Content-Range}; git-stored files are answered by the Hub itself.
 */
class RemoteDetectorTest {
  private final MockWebServer hub = new MockWebServer();
  private final MockWebServer cdn = new MockWebServer();
  private final Map<String, byte[]> lfs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> git = new ConcurrentHashMap<>();
  private final Map<String, List<Integer>> failuresBeforeSuccess = new ConcurrentHashMap<>();
  private final List<RecordedRequest> hubRequests = Collections.synchronizedList(new ArrayList<>());
  private final List<RecordedRequest> cdnRequests = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean cdnHonoursRange = true;
  private final List<java.time.Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws IOException {
    hub.setDispatcher(new HubDispatcher());
    cdn.setDispatcher(new CdnDispatcher());
    hub.start();
    cdn.start();
  }

  @AfterEach
  void stop() {
    hub.close();
    cdn.close();
  }

  private RemoteDetector detector(String token) {
    Map<String, String> env = new HashMap<>();
    env.put("HF_ENDPOINT", hub.url("/").toString());
    if (token != null) {
      env.put("HF_TOKEN", token);
    }
    Endpoint endpoint = Service.HUGGING_FACE.endpoint(env);
    RetryPolicy policy = RetryPolicy.standard().withSleeper(sleeps::add);
    return new RemoteDetector(HttpClients.create(endpoint, policy), endpoint, Detector.withDefaults(), new ContentCache(100));
  }

  private static byte[] corpus(String path) throws IOException {
    return Files.readAllBytes(Corpus.root().resolve(path));
  }

  @Test
  void lfsSafetensorsNeedsOneRedirectAndOneRangedRead() throws IOException {
    byte[] file = corpus("safetensors/f32_with_metadata.safetensors");
    lfs.put("acme/tiny/model.safetensors", file);
    RemoteDetector remote = detector("hf_secret_token");

    Detection d = remote.detect(remote.resolveUrl("acme/tiny", "main", "model.safetensors").toString());

    assertThat(d.format()).isEqualTo(FormatId.SAFETENSORS);
    assertThat(d.bytesRead()).isEqualTo(file.length);
    assertThat(hubRequests).hasSize(1);
    assertThat(cdnRequests).hasSize(1);
    assertThat(cdnRequests.get(0).getHeaders().get("Range")).isEqualTo("bytes=0-65535");
    assertThat(hubRequests.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer hf_secret_token");
    assertThat(cdnRequests.get(0).getHeaders().get("Authorization")).as("the token never reaches the CDN").isNull();
  }

  @Test
  void largeZipReadsExactlyAHeadAndATailWindow() throws IOException {
    byte[] zip = bigTorchZip();
    lfs.put("acme/big/pytorch_model.bin", zip);
    RemoteDetector remote = detector(null);

    Detection d = remote.detect(remote.resolveUrl("acme/big", "main", "pytorch_model.bin").toString());

    assertThat(d.format()).isEqualTo(FormatId.TORCH_ZIP);
    assertThat(d.pickle().globals()).containsExactly("collections.OrderedDict", "torch.FloatStorage", "torch._utils._rebuild_tensor_v2");
    assertThat(cdnRequests).hasSize(2);
    assertThat(cdnRequests.get(1).getHeaders().get("Range")).isEqualTo("bytes=" + (zip.length - 65_579) + "-" + (zip.length - 1));
    assertThat(d.bytesRead()).isEqualTo(65_536 + 65_579);
    assertThat(hubRequests).hasSize(1);
  }

  @Test
  void gitStoredFilesAreServedByTheHubWithoutRedirect() throws IOException {
    git.put("acme/tiny/config.json", corpus("unknown/config.json"));
    git.put("acme/tiny/tokenizer.model", corpus("sentencepiece/unigram.model"));
    RemoteDetector remote = detector(null);

    assertThat(remote.detect(remote.resolveUrl("acme/tiny", "main", "config.json").toString()).format()).isEqualTo(FormatId.UNKNOWN);
    assertThat(remote.detect(remote.resolveUrl("acme/tiny", "main", "tokenizer.model").toString()).format()).isEqualTo(FormatId.SENTENCEPIECE);
    assertThat(hubRequests).hasSize(2);
    assertThat(cdnRequests).isEmpty();
  }

  @Test
  void everyCorpusFormatIsDetectedRemotelyWithAtMostTwoRangedReads() throws IOException {
    RemoteDetector remote = detector(null);
    List<String> mismatches = new ArrayList<>();
    for (Corpus.Label label : Corpus.labels()) {
      byte[] bytes = corpus(label.path());
      String key = "corpus/all/" + label.path();
      lfs.put(key, bytes);
      int before = cdnRequests.size();
      Detection d = remote.detect(remote.resolveUrl("corpus/all", "main", label.path()).toString());
      int ranged = cdnRequests.size() - before;
      boolean cached = d.evidence().stream().anyMatch(e -> e.seen().contains("already detected"));
      String got = d.format().id() + " " + d.pickleGlobalsCell();
      if (!cached && !got.equals(label.format() + " " + label.pickleGlobals())) {
        mismatches.add(label.path() + ": " + got + " " + d.evidence());
      }
      boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5);
      // A zip may need its tail (the central directory); anything else is decided from the head.
      if (ranged > (zip ? 2 : 1)) {
        mismatches.add(label.path() + ": " + ranged + " ranged reads");
      }
      if (d.bytesRead() > 65_536 + 65_579) {
        mismatches.add(label.path() + ": " + d.bytesRead() + " bytes read");
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void sameContentInAnotherRepositoryIsNotFetchedAgain() throws IOException {
    byte[] file = corpus("torch_zip/linear_state_dict.pt");
    lfs.put("acme/a/pytorch_model.bin", file);
    lfs.put("other/b/weights.pt", file);
    RemoteDetector remote = detector(null);

    Detection first = remote.detect(remote.resolveUrl("acme/a", "main", "pytorch_model.bin").toString());
    int cdnAfterFirst = cdnRequests.size();
    Detection second = remote.detect(remote.resolveUrl("other/b", "v1.0", "weights.pt").toString());

    assertThat(second.format()).isEqualTo(first.format()).isEqualTo(FormatId.TORCH_ZIP);
    assertThat(second.pickle()).isEqualTo(first.pickle());
    assertThat(second.bytesRead()).isZero();
    assertThat(cdnRequests).hasSize(cdnAfterFirst);
    assertThat(hubRequests).hasSize(2);
    assertThat(remote.cache().size()).isEqualTo(1);

    Detection third = remote.detect(remote.resolveUrl("x/y", "main", "z.bin"), "z.bin", Optional.of(Sha256.of(file)));
    assertThat(third.format()).isEqualTo(FormatId.TORCH_ZIP);
    assertThat(hubRequests).as("a known content id needs no request").hasSize(2);
  }

  @Test
  void serverIgnoringRangeIsReadOnlyAsFarAsNeeded() throws IOException {
    cdnHonoursRange = false;
    byte[] zip = bigTorchZip();
    lfs.put("acme/norange/model.safetensors", corpus("safetensors/many_tensors.safetensors"));
    lfs.put("acme/norange/pytorch_model.bin", zip);
    RemoteDetector remote = detector(null);

    Detection st = remote.detect(remote.resolveUrl("acme/norange", "main", "model.safetensors").toString());
    assertThat(st.format()).isEqualTo(FormatId.SAFETENSORS);
    assertThat(cdnRequests).hasSize(1);

    Detection z = remote.detect(remote.resolveUrl("acme/norange", "main", "pytorch_model.bin").toString());
    assertThat(z.format()).isEqualTo(FormatId.TORCH_ZIP);
    assertThat(cdnRequests).hasSize(3);
    // Head window, then the whole body streamed once for the tail (the server cannot do better).
    assertThat(z.bytesRead()).isEqualTo(65_536 + zip.length);
  }

  @Test
  void missingFileIsUnreadableWithTheHubErrorCode() {
    RemoteDetector remote = detector(null);
    Detection d = remote.detect(remote.resolveUrl("acme/tiny", "main", "nope.bin").toString());
    assertThat(d.unreadable()).isTrue();
    assertThat(d.evidence().get(0).seen()).contains("HTTP 404").contains("EntryNotFound");
    assertThat(hubRequests).hasSize(1);
  }

  @Test
  void rateLimitsAndServerErrorsAreRetried() throws IOException {
    lfs.put("acme/flaky/model.onnx", corpus("onnx/add_opset13.onnx"));
    failuresBeforeSuccess.put("/acme/flaky/resolve/main/model.onnx", new ArrayList<>(List.of(429, 503)));
    RemoteDetector remote = detector(null);

    Detection d = remote.detect(remote.resolveUrl("acme/flaky", "main", "model.onnx").toString());

    assertThat(d.format()).isEqualTo(FormatId.ONNX);
    assertThat(hubRequests).hasSize(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).isEqualTo(java.time.Duration.ofSeconds(2)); // Retry-After 1, plus one second
  }

  @Test
  void persistentServerErrorsEndUnreadableAfterTheRetries() {
    failuresBeforeSuccess.put("/acme/down/resolve/main/model.bin", new ArrayList<>(Collections.nCopies(10, 502)));
    RemoteDetector remote = detector(null);
    Detection d = remote.detect(remote.resolveUrl("acme/down", "main", "model.bin").toString());
    assertThat(d.unreadable()).isTrue();
    assertThat(d.evidence().get(0).seen()).contains("HTTP 502");
    assertThat(hubRequests).hasSize(6);
  }

  @Test
  void emptyLfsFileAnswers416WithZeroSize() {
    lfs.put("acme/empty/model.safetensors", new byte[0]);
    RemoteDetector remote = detector(null);
    Detection d = remote.detect(remote.resolveUrl("acme/empty", "main", "model.safetensors").toString());
    assertThat(d.format()).isEqualTo(FormatId.EMPTY);
  }

  /** A torch.save-style zip larger than both windows: data.pkl first, 300 KB of storage, version. */
  private static byte[] bigTorchZip() throws IOException {
    byte[] dataPkl;
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(Corpus.root().resolve("torch_zip/linear_state_dict.pt").toFile())) {
      ZipEntry e = z.stream().filter(x -> x.getName().endsWith("/data.pkl")).findFirst().orElseThrow();
      dataPkl = z.getInputStream(e).readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setMethod(ZipOutputStream.STORED);
      put(zip, "archive/data.pkl", dataPkl);
      put(zip, "archive/data/0", new byte[300_000]);
      put(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    ZipEntry e = new ZipEntry(name);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(bytes);
    e.setSize(bytes.length);
    e.setCompressedSize(bytes.length);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(bytes);
    zip.closeEntry();
  }

  // ------------------------------------------------------------------ fake servers

  private final class HubDispatcher extends Dispatcher {
    private final AtomicInteger id = new AtomicInteger();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      hubRequests.add(request);
      String path = request.getUrl().encodedPath();
      List<Integer> failures = failuresBeforeSuccess.get(path);
      if (failures != null && !failures.isEmpty()) {
        int code = failures.remove(0);
        MockResponse.Builder b = new MockResponse.Builder().code(code).body("{\"error\":\"try later\"}");
        if (code == 429) {
          b.addHeader("Retry-After", "1").addHeader("RateLimit", "\"resolvers\";r=0;t=1");
        }
        return b.build();
      }
      String key = path.substring(1).replaceFirst("/resolve/[^/]+/", "/");
      byte[] lfsFile = lfs.get(key);
      if (lfsFile != null) {
        String sha = Sha256.of(lfsFile);
        blobs.put(sha, lfsFile);
        return new MockResponse.Builder()
            .code(302)
            .addHeader("Location", cdn.url("/xet-bridge-us/" + sha + "?X-Amz-Signature=abc" + id.incrementAndGet()))
            .addHeader("X-Repo-Commit", "3b1f0c9a7d2e4f60a8b5c3d1e9f7a6b5c4d3e2f1")
            .addHeader("X-Linked-Etag", "\"" + sha + "\"")
            .addHeader("X-Linked-Size", lfsFile.length)
            .addHeader("ETag", "\"e1d2c3b4a5f60718293a4b5c6d7e8f9012345678\"")
            .build();
      }
      byte[] gitFile = git.get(key);
      if (gitFile != null) {
        return ranged(request, gitFile, "\"" + Sha256.of(gitFile).substring(0, 40) + "\"", true);
      }
      return new MockResponse.Builder()
          .code(404)
          .addHeader("X-Error-Code", "EntryNotFound")
          .addHeader("X-Error-Message", "Entry not found")
          .body("{\"error\":\"Entry not found\"}")
          .build();
    }
  }

  private final class CdnDispatcher extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) {
      cdnRequests.add(request);
      String sha = request.getUrl().pathSegments().get(1);
      byte[] file = blobs.get(sha);
      return file == null
          ? new MockResponse.Builder().code(404).build()
          : ranged(request, file, "\"" + sha + "\"", cdnHonoursRange);
    }
  }

  /** 206 with Content-Range for a satisfiable Range, 416 past the end, else 200 with the whole file. */
  private static MockResponse ranged(RecordedRequest request, byte[] file, String etag, boolean honourRange) {
    String range = request.getHeaders().get("Range");
    MockResponse.Builder b = new MockResponse.Builder().addHeader("ETag", etag).addHeader("Accept-Ranges", "bytes");
    if (range == null || !honourRange) {
      return b.code(200).body(new Buffer().write(file)).build();
    }
    String[] parts = range.substring("bytes=".length()).split("-", -1);
    long start = Long.parseLong(parts[0]);
    long end = parts[1].isEmpty() ? file.length - 1 : Math.min(Long.parseLong(parts[1]), file.length - 1);
    if (start >= file.length) {
      return b.code(416).addHeader("Content-Range", "bytes */" + file.length).build();
    }
    byte[] slice = java.util.Arrays.copyOfRange(file, (int) start, (int) end + 1);
    return b.code(206)
        .addHeader("Content-Range", "bytes " + start + "-" + end + "/" + file.length)
        .addHeader("Content-Type", "application/octet-stream")
        .body(new Buffer().write(slice))
        .build();
  }
}
