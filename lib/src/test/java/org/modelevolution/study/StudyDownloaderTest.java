package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.io.Sha256;

/** The download of pinned originals into the cache, against a local HTTP server. */
class StudyDownloaderTest {
  private static final String CONTENT = "repo_url,commit_hash\nowner/name,0123\n";
  private final MockWebServer server = new MockWebServer();
  @TempDir Path cache;
  @TempDir Path studyData;

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private StudyManifest.Entry entry(String url, String sha) {
    return new StudyManifest.Entry("safetensors_commits_by_tool_legacy.csv",
        "results/safetensors_commits_by_tool_legacy.csv", "58d8e17d1296edff426137aef20f686dba1dc967", url, sha,
        null, CONTENT.length(), "final", List.of("RQ1"), null);
  }

  /** A file pinned by its git blob id only, as the two large result files of the study are. */
  private StudyManifest.Entry blobEntry(String url, String blob) {
    return new StudyManifest.Entry("safetensors_commits_not_by_tool_recent.csv",
        "results/safetensors_commits_not_by_tool_recent.csv", "58d8e17d1296edff426137aef20f686dba1dc967", url, null,
        blob, 0, "final", List.of("RQ1"), null);
  }

  @Test
  void aFilePinnedByItsGitBlobIdIsVerifiedByIt() throws Exception {
    Path reference = Files.writeString(studyData.resolve("reference.csv"), CONTENT);
    String blob = org.modelevolution.testing.StudyFixture.gitBlobId(reference);
    server.enqueue(new MockResponse.Builder().code(200).body(CONTENT).build());
    server.enqueue(new MockResponse.Builder().code(200).body(CONTENT + "tampered\n").build());

    Path fetched = downloader().fetch(blobEntry(server.url("/ok.csv").toString(), blob));
    assertThat(Files.readString(fetched)).isEqualTo(CONTENT);
    Files.delete(fetched);
    assertThatThrownBy(() -> downloader().fetch(blobEntry(server.url("/bad.csv").toString(), blob)))
        .isInstanceOf(StudyDataException.class).hasMessageContaining("expected git blob id " + blob);
    assertThat(fetched).doesNotExist();
  }

  private StudyDownloader downloader() {
    return new StudyDownloader(new OkHttpClient(), cache);
  }

  @Test
  void downloadsVerifiesAndThenReusesTheCachedCopy() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(CONTENT).build());
    String url = server.url("/s2e-lab/model-evolution/58d8e17/results/safetensors_commits_by_tool_legacy.csv").toString();
    StudyManifest.Entry entry = entry(url, Sha256.of(CONTENT.getBytes(StandardCharsets.UTF_8)));

    Path first = downloader().locate(entry, studyData);
    Path second = downloader().locate(entry, studyData);

    assertThat(first).isEqualTo(cache.resolve("safetensors_commits_by_tool_legacy.csv")).isEqualTo(second);
    assertThat(Files.readString(first)).isEqualTo(CONTENT);
    assertThat(server.getRequestCount()).isEqualTo(1); // the second call used the verified cache
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).endsWith("/results/safetensors_commits_by_tool_legacy.csv");
    try (var files = Files.list(cache)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("safetensors_commits_by_tool_legacy.csv");
    }
  }

  @Test
  void aLocalCopyWinsWithoutAnyRequest() throws Exception {
    Files.writeString(studyData.resolve("safetensors_commits_by_tool_legacy.csv"), CONTENT);
    Path located = downloader().locate(entry(server.url("/x").toString(), "0".repeat(64)), studyData);
    assertThat(located).isEqualTo(studyData.resolve("safetensors_commits_by_tool_legacy.csv"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aBodyWithTheWrongDigestIsDiscarded() {
    server.enqueue(new MockResponse.Builder().code(200).body("tampered\n").build());
    StudyManifest.Entry entry = entry(server.url("/f.csv").toString(), Sha256.of(CONTENT.getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> downloader().fetch(entry)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("is not the pinned original").hasMessageContaining("expected SHA-256");
    assertThat(cache.resolve("safetensors_commits_by_tool_legacy.csv")).doesNotExist();
  }

  @Test
  void notFoundSuggestsGitLfs() {
    server.enqueue(new MockResponse.Builder().code(404).body("404: Not Found").build());
    StudyManifest.Entry entry = entry(server.url("/f.csv").toString(), "0".repeat(64));
    assertThatThrownBy(() -> downloader().fetch(entry)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("HTTP 404").hasMessageContaining("git lfs");
  }

  @Test
  void offlineFailsWithAClearMessage() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    StudyManifest.Entry entry = entry("http://127.0.0.1:" + closedPort + "/f.csv", "0".repeat(64));
    assertThatThrownBy(() -> downloader().fetch(entry)).isInstanceOf(StudyDataException.class)
        .hasMessageContaining("network is unreachable").hasMessageContaining("STUDY_DATA");
  }
}
