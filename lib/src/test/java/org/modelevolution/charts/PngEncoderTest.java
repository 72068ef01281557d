package org.modelevolution.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** {@link PngEncoder} writes the bytes of the JDK's ImageIO PNG writer (what XChart's BitmapEncoder uses). */
class PngEncoderTest {
  private static byte[] imageIo(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.setUseCache(false);
    assertThat(ImageIO.write(image, "png", out)).isTrue();
    return out.toByteArray();
  }

  @Test
  void everyChartIsEncodedAsImageIoEncodesIt() throws IOException {
    for (Map.Entry<String, Supplier<Chart<?, ?>>> entry : ChartZoo.charts().entrySet()) {
      BufferedImage image = BitmapEncoder.getBufferedImage(entry.getValue().get());
      assertThat(PngEncoder.supports(image)).as(entry.getKey()).isTrue();
      assertThat(PngEncoder.encode(image)).as(entry.getKey()).isEqualTo(imageIo(image));
    }
  }

  @Test
  void imagesOfEverySizeAndContentAreEncodedAsImageIoEncodesThem() throws IOException {
    Random random = new Random(5);
    // From one pixel to incompressible noise of several IDAT chunks, with runs and gradients between.
    int[][] sizes = {{1, 1}, {1, 300}, {300, 1}, {7, 5}, {64, 64}, {333, 97}, {600, 400}, {1600, 40}};
    for (int[] size : sizes) {
      for (int kind = 0; kind < 3; kind++) {
        BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size[1]; y++) {
          for (int x = 0; x < size[0]; x++) {
            int rgb = switch (kind) {
              case 0 -> random.nextInt();
              case 1 -> (x * 7 + y * 3) & 0xffffff ^ (x * y);
              default -> (x / 13 + y / 5) % 3 == 0 ? 0xffffff : 0x1f77b4;
            };
            image.setRGB(x, y, rgb);
          }
        }
        assertThat(PngEncoder.encode(image)).as("%dx%d kind %d", size[0], size[1], kind).isEqualTo(imageIo(image));
      }
    }
  }

  @Test
  void refusesImagesItDoesNotReproduce() {
    BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
    BufferedImage sub = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB).getSubimage(2, 2, 4, 4);
    assertThat(PngEncoder.supports(argb)).isFalse();
    assertThat(PngEncoder.supports(sub)).isFalse();
    assertThatThrownBy(() -> PngEncoder.encode(sub)).isInstanceOf(IllegalArgumentException.class);
  }
}
