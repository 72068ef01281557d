package org.modelevolution.perception;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.modelevolution.testing.HttpFixtures;

class HtmlTextTest {
  @Test
  void decodesTheNamedEntitiesStackExchangeSends() {
    assertThat(HtmlText.unescape("&quot;x&quot; &amp; &lt;y&gt; don&#39;t&nbsp;stop &hellip; &apos;"))
        .isEqualTo("\"x\" & <y> don't\u00a0stop \u2026 '");
    assertThat(HtmlText.unescape("Ren&#233; &eacute; &copy; &mdash; &euro; &Omega; &rarr; &trade; &frac12; &sup2;"))
        .isEqualTo("René é © — € Ω → ™ ½ ²");
  }

  @Test
  void decodesDecimalAndHexadecimalReferences() {
    assertThat(HtmlText.unescape("it&#x2019;s &#X1F600; &#65;&#66; &#129303;")).isEqualTo("it\u2019s \uD83D\uDE00 AB \uD83E\uDD17");
  }

  @Test
  void decodesOnceAndLeavesWhatIsNotAReferenceAlone() {
    assertThat(HtmlText.unescape("&amp;lt;")).isEqualTo("&lt;");
    assertThat(HtmlText.unescape("AT&T &unknown; &amp &#; &#xZZ; a & b &")).isEqualTo("AT&T &unknown; &amp &#; &#xZZ; a & b &");
    assertThat(HtmlText.unescape("&#0; &#xD800; &#x110000; &#99999999999999999999;"))
        .isEqualTo("&#0; &#xD800; &#x110000; &#99999999999999999999;");
    assertThat(HtmlText.unescape("no entities")).isEqualTo("no entities");
  }

  @Test
  void turnsTheFixtureTitleExcerptAndBodyIntoPlainText() throws Exception {
    JsonNode item = new ObjectMapper().readTree(HttpFixtures.text("stackexchange/search-excerpts.json")).get("items").get(0);

    assertThat(HtmlText.unescape(item.get("title").asText()))
        .isEqualTo("How do I load a \".safetensors\" checkpoint without transformers?");
    assertThat(HtmlText.toPlainText(item.get("excerpt").asText()))
        .isEqualTo("I have a  safetensors  file and don't want to install transformers \u2026");
    assertThat(HtmlText.toPlainText(item.get("body").asText()).strip())
        .isEqualTo("I have a  model.safetensors  file and don't want to install transformers. \n  import torch");
    assertThat(HtmlText.toPlainText("<pre><code>a &lt;b&gt; c</code></pre>")).isEqualTo("  a <b> c  ");
  }
}
