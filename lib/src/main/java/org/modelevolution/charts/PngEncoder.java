package org.modelevolution.charts;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes an opaque RGB image as PNG with the same bytes as the JDK's ImageIO PNG writer with its
 * default parameters (what XChart's {@code BitmapEncoder} uses), at a fraction of its cost: that
 * writer copies every pixel row into an {@code int} per sample and a byte per sample through table
 * look-ups before it deflates it; this reads the image's packed pixels once.
 *
 * <p>The JDK writer's output for an 8-bit RGB image, which this reproduces: the signature, an IHDR
 * chunk (bit depth 8, colour type 2, no interlace), the zlib stream of every row as filter type 0
 * (none; the JDK filters only palette images) followed by its red, green and blue bytes, deflated
 * at level 4 with the default strategy and cut into IDAT chunks of 32,768 bytes (the last one
 * shorter), and an IEND chunk; no ancillary chunks. Deflate's output depends only on the bytes fed
 * and the level, not on how they are split between calls. {@code PngEncoderTest} compares the two
 * writers on every chart class, so a JDK whose writer changes is caught there; {@link #encode}
 * refuses any image it does not reproduce (another type, a sub-image) rather than guess.
 */
final class PngEncoder {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final int DEFLATE_LEVEL = 4;
  private static final int IDAT_LENGTH = 32768;

  private PngEncoder() {}

  /** True when {@link #encode} reproduces ImageIO's bytes for {@code image}. */
  static boolean supports(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_INT_RGB
        && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer && buffer.getNumBanks() == 1
        && image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel model
        && model.getScanlineStride() == image.getWidth()
        && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0
        && buffer.getOffset() == 0;
  }

  /** The PNG file of {@code image}, which must be {@link #supports supported}. */
  static byte[] encode(BufferedImage image) {
    if (!supports(image)) {
      throw new IllegalArgumentException("not a whole TYPE_INT_RGB image: " + image);
    }
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    byte[] row = new byte[1 + 3 * width];
    Deflater deflater = new Deflater(DEFLATE_LEVEL);
    ByteArrayOutputStream zlib = new ByteArrayOutputStream(Math.max(1024, width * height / 8));
    byte[] out = new byte[64 * 1024];
    try {
      for (int y = 0, p = 0; y < height; y++) {
        // row[0] stays 0: filter type "none".
        for (int i = 1; i < row.length; i += 3, p++) {
          int rgb = pixels[p];
          row[i] = (byte) (rgb >>> 16);
          row[i + 1] = (byte) (rgb >>> 8);
          row[i + 2] = (byte) rgb;
        }
        deflater.setInput(row);
        while (!deflater.needsInput()) {
          zlib.write(out, 0, deflater.deflate(out));
        }
      }
      deflater.finish();
      while (!deflater.finished()) {
        zlib.write(out, 0, deflater.deflate(out));
      }
    } finally {
      deflater.end();
    }
    byte[] compressed = zlib.toByteArray();
    int chunks = (compressed.length + IDAT_LENGTH - 1) / IDAT_LENGTH;
    ByteArrayOutputStream png = new ByteArrayOutputStream(SIGNATURE.length + 25 + compressed.length + 12 * chunks + 12);
    png.writeBytes(SIGNATURE);
    byte[] header = new byte[13];
    putInt(header, 0, width);
    putInt(header, 4, height);
    header[8] = 8; // bit depth
    header[9] = 2; // colour type: RGB
    // compression, filter and interlace methods: 0
    chunk(png, "IHDR", header, 0, header.length);
    for (int off = 0; off < compressed.length; off += IDAT_LENGTH) {
      chunk(png, "IDAT", compressed, off, Math.min(IDAT_LENGTH, compressed.length - off));
    }
    chunk(png, "IEND", compressed, 0, 0);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data, int off, int len) {
    byte[] head = new byte[8];
    putInt(head, 0, len);
    for (int i = 0; i < 4; i++) {
      head[4 + i] = (byte) type.charAt(i);
    }
    CRC32 crc = new CRC32();
    crc.update(head, 4, 4);
    crc.update(data, off, len);
    png.write(head, 0, 8);
    png.write(data, off, len);
    byte[] tail = new byte[4];
    putInt(tail, 0, (int) crc.getValue());
    png.write(tail, 0, 4);
  }

  private static void putInt(byte[] b, int off, int value) {
    b[off] = (byte) (value >>> 24);
    b[off + 1] = (byte) (value >>> 16);
    b[off + 2] = (byte) (value >>> 8);
    b[off + 3] = (byte) value;
  }
}
