package org.modelevolution.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a pull request was opened by a bot: a user of type {@code Bot}, a login ending
 * in "bot" (ignoring the {@code [bot]} suffix of GitHub Apps), or one of the dependency updaters
 * the study excluded by name (dependabot, renovate, greenkeeper, with their variants such as
 * {@code renovate-bot} or {@code greenkeeperio-bot}). A missing user (deleted account) is a person.
 */
public final class BotAuthors {
  private static final List<String> UPDATERS = List.of("dependabot", "renovate", "greenkeeper");

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

  public static boolean isBotLogin(String login) {
    String name = login.toLowerCase(Locale.ROOT);
    if (name.endsWith("[bot]")) {
      return true;
    }
    return name.endsWith("bot") || UPDATERS.stream().anyMatch(name::startsWith);
  }
}
