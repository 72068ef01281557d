package org.modelevolution.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoredDiscussionPageTest {

  @Test
  void filesWithConflictsIsAnArrayTheLiteralTrueOrAbsent() throws Exception {
    StoredDiscussionPage listed = StoredDiscussionPage.parse(
        "{\"discussion\":{\"status\":\"open\",\"filesWithConflicts\":[\"a.bin\",\"b.bin\"]}}");
    StoredDiscussionPage unlisted = StoredDiscussionPage.parse(
        "{\"discussion\":{\"status\":\"open\",\"filesWithConflicts\":true}}");
    StoredDiscussionPage absent = StoredDiscussionPage.parse("{\"discussion\":{\"status\":\"merged\"}}");

    assertThat(listed.conflicts()).hasValue(new FilesWithConflicts(false, List.of("a.bin", "b.bin")));
    assertThat(unlisted.conflicts()).hasValueSatisfying(c -> {
      assertThat(c.unlisted()).isTrue();
      assertThat(c.any()).isTrue();
    });
    assertThat(absent.conflicts()).isEmpty();
    assertThat(absent.events()).isNull();
  }

  @Test
  void eventsKeepCommentsAndStatusChangesInPageOrder() throws Exception {
    StoredDiscussionPage page = StoredDiscussionPage.parse("{\"discussion\":{\"title\":\"t\",\"author\":{\"name\":\"SFconvertbot\"},"
        + "\"events\":[{\"type\":\"comment\",\"createdAt\":\"c1\",\"author\":{\"name\":\"a\"},\"data\":{\"hidden\":true,"
        + "\"latest\":{\"raw\":\"two words\"}}},{\"type\":\"commit\"},{\"type\":\"status-change\",\"createdAt\":\"c2\","
        + "\"author\":{\"name\":\"b\",\"isHf\":true},\"data\":{\"status\":\"merged\"}}]},\"repo\":{\"name\":\"x/y\"}}");

    assertThat(page.authorName()).isEqualTo("SFconvertbot");
    assertThat(page.events()).containsExactly(new StoredDiscussionPage.Comment("c1", "a", true, "two words"),
        new StoredDiscussionPage.StatusChange("c2", "b", true, "merged"));
  }

  @Test
  void truncatedOrShapelessPagesAreClearErrors() {
    assertThatThrownBy(() -> StoredDiscussionPage.parse("{\"discussion\":{\"status\":\"op"))
        .isInstanceOf(StoredDiscussionPage.MalformedPageException.class).hasMessageContaining("malformed");
    assertThatThrownBy(() -> StoredDiscussionPage.parse("{\"repo\":{}}"))
        .isInstanceOf(StoredDiscussionPage.MalformedPageException.class).hasMessageContaining("discussion");
  }
}
