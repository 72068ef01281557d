package org.modelevolution.perception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostTableTest {
  @Test
  void roundTripsFieldsWithQuotesCommasAndNewlines(@TempDir Path dir) throws Exception {
    List<MinedPost> posts = List.of(
        new MinedPost("A \"quoted\", title", MinedPost.GITHUB, "https://github.com/a/b/pull/1", "{\"body\":\"x\\ny\"}"),
        new MinedPost("Multi\nline", MinedPost.STACK_OVERFLOW, "https://stackoverflow.com/questions/1", "{}"));
    Path file = dir.resolve("posts.csv");

    PostTable.write(file, posts);

    assertThat(Files.readString(file)).startsWith("title,source,url,json_content\n");
    assertThat(PostTable.read(file)).isEqualTo(posts);
  }

  @Test
  void rejectsAFileThatIsNotAPostTable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("other.csv");
    Files.writeString(file, "a,b\n1,2\n");
    assertThatThrownBy(() -> PostTable.read(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a post table");
  }

  @Test
  void readsTheStudysStackOverflowTableInTheSameLayout() {
    String shared = System.getProperty("shared.dir");
    Assumptions.assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "study/SO_query_data.csv")),
        "study data not available");

    List<MinedPost> posts = PostTable.read(Path.of(shared, "study/SO_query_data.csv"));

    assertThat(posts).hasSize(264).allSatisfy(p -> {
      assertThat(p.source()).isEqualTo(MinedPost.STACK_OVERFLOW);
      assertThat(p.url()).startsWith("https://stackoverflow.com/questions/");
      assertThat(p.jsonContent()).startsWith("{");
    });
  }
}
