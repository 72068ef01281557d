package org.modelevolution.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Decides whether a pull request was opened by a bot, as the study did: a user of type
 * {@code Bot} (every GitHub App, {@code dependabot[bot]} and {@code renovate[bot]} among them) or a
 * login ending in "bot" ({@code greenkeeperio-bot}, {@code ci-bot}), ignoring case. The authors the
 * study's query left out with {@code -author:} qualifiers are all bots by this rule, so leaving
 * them out here yields the same pull requests. A missing user (deleted account) is a person.
 */
public final class BotAuthors {
  private BotAuthors() {}

  public static boolean isBot(JsonNode user) {
    if (user == null || !user.isObject()) {
      return false;
    }
    if ("Bot".equalsIgnoreCase(user.path("type").asText(""))) {
      return true;
    }
    return isBotLogin(user.path("login").asText(""));
  }

  /** A login ending in "bot", or an App's {@code name[bot]} (whose user type is {@code Bot} anyway). */
  public static boolean isBotLogin(String login) {
    String name = login.toLowerCase(Locale.ROOT);
    return name.endsWith("bot") || name.endsWith("[bot]");
  }
}
