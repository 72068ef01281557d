package org.modelevolution.stackexchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.modelevolution.testing.HttpFixtures;

class HtmlTextTest {
  @Test
  void decodesTheNamedEntitiesStackExchangeSends() {
    assertThat(HtmlText.decodeEntities("&quot;x&quot; &amp; &lt;y&gt; don&#39;t&nbsp;stop &hellip; &apos;"))
        .isEqualTo("\"x\" & <y> don't\u00a0stop \u2026 '");
    assertThat(HtmlText.decodeEntities("Ren&#233; &eacute; &copy; &mdash; &euro; &Omega; &rarr; &trade;"))
        .isEqualTo("René é © — € Ω → ™");
  }

  @Test
  void decodesDecimalAndHexadecimalReferences() {
    assertThat(HtmlText.decodeEntities("it&#x2019;s &#X1F600; &#65;&#66;")).isEqualTo("it\u2019s \uD83D\uDE00 AB");
  }

  @Test
  void decodesOnceAndLeavesWhatIsNotAReferenceAlone() {
    assertThat(HtmlText.decodeEntities("&amp;lt;")).isEqualTo("&lt;");
    assertThat(HtmlText.decodeEntities("AT&T &unknown; &amp &#; &#xZZ; a & b &")).isEqualTo("AT&T &unknown; &amp &#; &#xZZ; a & b &");
    assertThat(HtmlText.decodeEntities("&#0; &#xD800; &#99999999999999999999;")).isEqualTo("\uFFFD \uFFFD \uFFFD");
    assertThat(HtmlText.decodeEntities("no entities")).isEqualTo("no entities");
  }

  @Test
  void turnsTheFixtureExcerptAndBodyIntoPlainText() throws Exception {
    JsonNode item = new ObjectMapper().readTree(HttpFixtures.text("stackexchange/search-excerpts.json")).get("items").get(0);

    assertThat(HtmlText.decodeEntities(item.get("title").asText()))
        .isEqualTo("How do I load a \".safetensors\" checkpoint without transformers?");
    assertThat(HtmlText.toPlainText(item.get("excerpt").asText()))
        .isEqualTo("I have a safetensors file and don't want to install transformers \u2026");
    assertThat(HtmlText.toPlainText(item.get("body").asText()))
        .isEqualTo("I have a model.safetensors file and don't want to install transformers.\n\nimport torch");
    assertThat(HtmlText.toPlainText("<pre><code>a &lt;b&gt; c</code></pre>")).isEqualTo("a <b> c");
  }
}
