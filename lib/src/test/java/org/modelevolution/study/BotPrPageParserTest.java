package org.modelevolution.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BotPrPageParserTest {
  static final String BOT = "{\"_id\":\"1\",\"name\":\"SFconvertbot\",\"isHf\":false,\"fullname\":\"Safetensors convertbot\"}";

  static String discussion(String events) {
    return "{\"apiBaseUrl\":\"/api/models/a/b\",\"repo\":{\"name\":\"a/b\",\"type\":\"model\"},\"discussion\":{"
        + "\"_id\":\"x\",\"num\":3,\"title\":\"Adding `safetensors` variant of this model\",\"status\":\"merged\","
        + "\"author\":" + BOT + ",\"createdAt\":\"2023-03-21T23:42:48.000Z\",\"filesWithConflicts\":[],"
        + "\"changes\":{\"base\":\"refs/heads/main\"},\"events\":[" + events + "]},\"discussionRole\":0}";
  }

  @Test
  void keepsCommentsAndStatusChangesWithTheirAuthors() throws Exception {
    String events = String.join(",",
        "{\"id\":\"e1\",\"author\":" + BOT + ",\"createdAt\":\"2023-03-21T23:42:48.000Z\",\"type\":\"comment\","
            + "\"data\":{\"edited\":false,\"hidden\":false,\"latest\":{\"raw\":\"This is an  automated\\nPR\","
            + "\"html\":\"<p>x</p>\",\"author\":" + BOT + "},\"numEdits\":0}}",
        "{\"id\":\"e2\",\"author\":" + BOT + ",\"createdAt\":\"2023-03-21T23:42:49.000Z\",\"type\":\"commit\","
            + "\"data\":{\"subject\":\"Adding\",\"oid\":\"abc\"}}",
        "{\"id\":\"e3\",\"author\":{\"name\":\"Zoë\",\"isHf\":false},\"createdAt\":\"2023-03-22T00:00:00.000Z\","
            + "\"type\":\"comment\",\"data\":{\"hidden\":true,\"latest\":{\"raw\":\"This comment has been hidden\"}}}",
        "{\"id\":\"e4\",\"createdAt\":\"2023-03-23T00:00:00.000Z\",\"type\":\"status-change\",\"data\":{\"status\":\"closed\"}}",
        "{\"id\":\"e5\",\"author\":{\"name\":\"julien-c\",\"isHf\":true,\"isMod\":false},"
            + "\"createdAt\":\"2023-03-24T00:00:00.000Z\",\"type\":\"status-change\",\"data\":{\"status\":\"merged\"}}");

    BotDiscussion d = BotPrPageParser.parseDiscussion(discussion(events));

    assertThat(d.openerName()).isEqualTo("SFconvertbot");
    assertThat(d.createdAt()).isEqualTo("2023-03-21T23:42:48.000Z");
    assertThat(d.events()).containsExactly(
        new BotDiscussion.Comment("2023-03-21T23:42:48.000Z", "SFconvertbot", false, 5),
        new BotDiscussion.Comment("2023-03-22T00:00:00.000Z", "Zoë", true, 5),
        new BotDiscussion.StatusChange("2023-03-23T00:00:00.000Z", null, false, "closed"),
        new BotDiscussion.StatusChange("2023-03-24T00:00:00.000Z", "julien-c", true, "merged"));
  }

  @Test
  void headerConflictsFollowTheStudysJoinedStringTest() throws Exception {
    BotPrHeader conflicts = BotPrPageParser.parseHeader(
        "{\"discussion\":{\"status\":\"open\",\"filesWithConflicts\":[\"model.safetensors\"]},\"repo\":{}}");
    BotPrHeader emptyName = BotPrPageParser.parseHeader(
        "{\"discussion\":{\"status\":\"closed\",\"filesWithConflicts\":[\"\"]}}");
    BotPrHeader none = BotPrPageParser.parseHeader("{\"discussion\":{\"status\":\"merged\"}}");

    assertThat(conflicts.hasConflicts()).isTrue();
    assertThat(emptyName.hasConflicts()).isFalse();
    assertThat(none.status()).isEqualTo("merged");
    assertThat(none.hasConflicts()).isFalse();
  }

  @Test
  void conflictsTheHubCannotListAreConflicts() throws Exception {
    // api-reference.md 1.9 and gotcha #20: the literal true when conflicts exist but cannot be listed.
    BotPrHeader unlisted = BotPrPageParser.parseHeader("{\"discussion\":{\"status\":\"open\",\"filesWithConflicts\":true}}");
    BotPrHeader noneSaid = BotPrPageParser.parseHeader("{\"discussion\":{\"status\":\"open\",\"filesWithConflicts\":false}}");

    assertThat(unlisted.hasConflicts()).isTrue();
    assertThat(unlisted.filesWithConflicts()).isEmpty();
    assertThat(noneSaid.hasConflicts()).isFalse();
  }

  @Test
  void rejectsTruncatedAndForeignJsonWithAReason() {
    String whole = discussion("");
    assertThatThrownBy(() -> BotPrPageParser.parseDiscussion(whole.substring(0, whole.length() / 2)))
        .isInstanceOf(BotPrPageParser.MalformedPageException.class).hasMessageContaining("malformed");
    assertThatThrownBy(() -> BotPrPageParser.parseDiscussion("[1,2]"))
        .isInstanceOf(BotPrPageParser.MalformedPageException.class).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> BotPrPageParser.parseDiscussion("{\"repo\":{}}"))
        .isInstanceOf(BotPrPageParser.MalformedPageException.class).hasMessageContaining("discussion");
    assertThatThrownBy(() -> BotPrPageParser.parseHeader("{\"discussion\":{}}"))
        .isInstanceOf(BotPrPageParser.MalformedPageException.class).hasMessageContaining("status");
    assertThatThrownBy(() -> BotPrPageParser.parseDiscussion(whole + "}"))
        .isInstanceOf(BotPrPageParser.MalformedPageException.class);
  }
}
