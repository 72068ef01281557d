package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean repos-JSON reader gives Jackson's reading exactly, or hands the file to it: on the
 * Hub API's shape, on the shapes it leaves to Jackson, and on thousands of damaged variants.
 */
class RepositoryMetadataTest {
  @TempDir
  Path dir;

  /** Two repositories as the Hub API lists them (the scale generator's layout: escaped slashes, nested values). */
  private static final String HUB = """
      [
        {
          "index":430198,
          "id":"mika_sael\\/gpt2-medium-qa",
          "sha":"08db5e11bc8414302cec82e7fb7cf7646f0c5339",
          "created_at":1663842684000,
          "private":false,
          "disabled":null,
          "downloads":-10,
          "score":1.5e-3,
          "ratio":0.25,
          "tags":["diffusers","text-to-image","caf\u00e9 \u2603 \ud83d\ude00",[],{}],
          "card_data":{"license":"mit","nested":{"deep":[1,2,{"x":"y\\n\\"z\\u00e9"}]}},
          "siblings":[{"rfilename":".gitattributes","size":203216,"lfs":null}]
        },
        {"id":"org\\/model-b","created_at":"2022-03-01T10:15:30Z","likes":0},
        {"id":"no-time"},
        {"created_at":1},
        {"id":"org\\/model-b","created_at":1000000000000}
      ]
      """;

  @Test
  void theHubShapeIsReadLeanAsJacksonReadsIt() throws IOException {
    Path file = write(HUB.getBytes(StandardCharsets.UTF_8));
    Inputs.Parsed<Map<String, Instant>> lean = RepositoryMetadata.LeanReader.read(file);
    assertThat(lean).as("taken by the lean reader").isNotNull();
    Inputs.Parsed<Map<String, Instant>> jackson = RepositoryMetadata.readWithJackson(file);
    assertThat(lean.value()).containsExactlyEntriesOf(jackson.value());
    assertThat(lean.sha256()).isEqualTo(jackson.sha256());
    // a later object with the same id keeps the first place and takes the later time, as Jackson's map
    assertThat(lean.value().keySet()).containsExactly("mika_sael/gpt2-medium-qa", "org/model-b");
    assertThat(lean.value().get("org/model-b")).isEqualTo(Instant.ofEpochMilli(1000000000000L));
  }

  @Test
  void shapesOutsideTheLeanSubsetAreJacksons() throws IOException {
    String[] cases = {
        "[{\"i\\u0064\":\"escaped-key\",\"created_at\":5}]", // an escaped key that is "id"
        "[{\"id\":\"a\",\"created_at\":1.5}]", // a float time: Jackson keeps none
        "[{\"id\":\"a\",\"created_at\":null}]",
        "[{\"id\":\"a\",\"created_at\":5,\"created_at\":null}]", // a later null drops the time
        "[{\"id\":7,\"created_at\":5}]", // a number as the id: Jackson reads it as text
        "[{\"id\":\"caf\u00e9\",\"created_at\":5}]", // a non-ASCII id
        "[{\"id\":\"a\",\"created_at\":5}, 3, {\"id\":\"b\",\"created_at\":6}]", // Jackson stops at the 3
        "[{\"id\":\"a\",\"created_at\":5}] trailing bytes are not read",
        "\uFEFF[{\"id\":\"bom\",\"created_at\":5}]",
    };
    for (String json : cases) {
      Path file = write(json.getBytes(StandardCharsets.UTF_8));
      Inputs.Parsed<Map<String, Instant>> jackson = RepositoryMetadata.readWithJackson(file);
      Inputs.Parsed<Map<String, Instant>> read = RepositoryMetadata.read(file);
      assertThat(read.value()).as(json).containsExactlyEntriesOf(jackson.value());
      assertThat(read.sha256()).as(json).isEqualTo(jackson.sha256());
    }
  }

  @Test
  void malformedFilesGetJacksonsErrors() throws IOException {
    String[] cases = {
        "[{\"id\":\"a\",\"created_at\":5},]", // a trailing comma
        "[{\"id\":\"a\",\"created_at\":05}]", // a leading zero
        "[{\"id\":\"a\",\"created_at\":5,\"x\":nul}]",
        "[{\"id\":\"a\",\"created_at\":5,\"x\":\"tab\there\"}]", // a raw control character
        "[{\"id\":\"a\",\"created_at\":5,\"x\":\"\\q\"}]", // an unknown escape
        "[{\"id\":\"a\",\"created_at\":5}", // cut short
        "[{\"id\":\"a\",\"created_at\":\"yesterday\"}]",
        "{\"id\":\"a\"}",
    };
    for (String json : cases) {
      Path file = write(json.getBytes(StandardCharsets.UTF_8));
      assertThat(RepositoryMetadata.LeanReader.read(file)).as(json).isNull();
      assertThatThrownBy(() -> RepositoryMetadata.readWithJackson(file)).as(json)
          .isInstanceOf(StudyDataException.class);
      assertThatThrownBy(() -> RepositoryMetadata.read(file)).as(json).isInstanceOf(StudyDataException.class);
    }
    Path notUtf8 = write(new byte[] {'[', '{', '"', 'x', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}', ']'});
    assertThat(RepositoryMetadata.LeanReader.read(notUtf8)).as("an overlong UTF-8 form").isNull();
  }

  /** Damaged variants of the Hub shape: whatever the lean reader takes, Jackson reads the same, without an error. */
  @Test
  void whatTheLeanReaderTakesJacksonReadsTheSame() throws IOException {
    byte[] original = HUB.getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = "{}[]\":,\\/-+.eE0123456789 \n\tabcdefnlrstux\u00e9".getBytes(StandardCharsets.UTF_8);
    Random random = new Random(24);
    int taken = 0;
    for (int n = 0; n < 3_000; n++) {
      byte[] bytes = original.clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(3)) {
          case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
          case 1 -> bytes = splice(bytes, at, 1, new byte[0]);
          default -> bytes = splice(bytes, at, 0, new byte[] {alphabet[random.nextInt(alphabet.length)]});
        }
      }
      Path file = write(bytes);
      Inputs.Parsed<Map<String, Instant>> lean = RepositoryMetadata.LeanReader.read(file);
      if (lean == null) {
        continue;
      }
      taken++;
      Inputs.Parsed<Map<String, Instant>> jackson = RepositoryMetadata.readWithJackson(file);
      assertThat(lean.value()).as(new String(bytes, StandardCharsets.UTF_8)).containsExactlyEntriesOf(jackson.value());
      assertThat(lean.sha256()).isEqualTo(jackson.sha256());
    }
    assertThat(taken).as("variants the lean reader took").isGreaterThan(300);
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] out = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
    return out;
  }

  private Path write(byte[] bytes) throws IOException {
    Path file = dir.resolve("selected_recent_repos.json");
    Files.write(file, bytes);
    return file;
  }
}
