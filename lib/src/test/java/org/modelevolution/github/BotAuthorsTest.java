package org.modelevolution.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BotAuthorsTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void followsTheStudysRuleUserTypeBotOrALoginEndingInBot() throws Exception {
    assertThat(BotAuthors.isBot(mapper.readTree("{\"login\":\"dependabot[bot]\",\"type\":\"Bot\"}"))).isTrue();
    assertThat(BotAuthors.isBot(mapper.readTree("{\"login\":\"some-app\",\"type\":\"Bot\"}"))).isTrue();
    assertThat(BotAuthors.isBotLogin("renovate-bot")).isTrue();
    assertThat(BotAuthors.isBotLogin("greenkeeperio-bot")).isTrue();
    assertThat(BotAuthors.isBotLogin("dependabot-preview[bot]")).isTrue();
    assertThat(BotAuthors.isBotLogin("ci-Bot")).isTrue();
    assertThat(BotAuthors.isBot(mapper.readTree("{\"login\":\"octo-dev\",\"type\":\"User\"}"))).isFalse();
    assertThat(BotAuthors.isBotLogin("abbott")).isFalse();
    // The study's -author:app/renovate left out the App only; a person of that name stays.
    assertThat(BotAuthors.isBot(mapper.readTree("{\"login\":\"renovate\",\"type\":\"User\"}"))).isFalse();
    assertThat(BotAuthors.isBot(mapper.readTree("null"))).isFalse();
  }
}
