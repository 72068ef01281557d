package org.modelevolution.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelevolution.study.Group;
import org.rapaio.jupyter.kernel.display.DisplayData;

class NotebookFigureTest {

  @TempDir Path dir;

  @Test
  void aWideFigureIsShownWideEnoughThatItsSmallestTextIsNineCssPixels() throws Exception {
    Path png = dir.resolve("chart.png");
    ImageIO.write(new BufferedImage(1600, 400, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    Files.writeString(dir.resolve("chart.svg"),
        "<svg><text style=\"font-family:DejaVu Sans;font-size:13px\">a</text><text style=\"font-size:10px\">b</text></svg>");

    DisplayData data = Notebook.figure(png);

    assertThat(data.data()).containsKeys("image/png", "text/plain");
    @SuppressWarnings("unchecked")
    Map<String, Object> image = (Map<String, Object>) data.metadata().get("image/png");
    int shown = (Integer) image.get("width");
    assertThat(10.0 * shown / 1600).isGreaterThanOrEqualTo(Notebook.MIN_TEXT_PX);
    assertThat(shown).isEqualTo(1440);
    assertThat(image).containsEntry("unconfined", true);
    assertThat(data.metadata().get("safetensors-study")).isEqualTo(Map.of("min_text_px", 10));
  }

  @Test
  void aFigureWhoseTextStaysReadableFitsTheOutputArea() {
    assertThat(Notebook.displayWidth(1200, 16)).isEqualTo(Notebook.OUTPUT_AREA_PX);
    assertThat(Notebook.displayWidth(800, 8)).isEqualTo(800); // never enlarged past its own size
    assertThat(Notebook.displayWidth(1600, 0)).isEqualTo(Notebook.OUTPUT_AREA_PX);
  }

  @Test
  void theGroupParameterAcceptsTheEnumOrItsNameInAnyCase() {
    assertThat(Notebook.group("recent")).isEqualTo(Group.RECENT);
    assertThat(Notebook.group(" Both ")).isEqualTo(Group.BOTH);
    assertThat(Notebook.group(Group.LEGACY)).isEqualTo(Group.LEGACY);
    assertThatThrownBy(() -> Notebook.group("recnt"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"legacy\", \"recent\" or \"both\"");
  }

  @Test
  void withoutTheStudyDataTheMessageSaysWhereItLookedAndHowToGetIt() {
    String message = Notebook.noStudyData(dir);
    assertThat(message).contains(dir.toString(), "STUDY_DATA", "../shared/study", "reproduce --download",
        "data/study-manifest.json");
  }
}
