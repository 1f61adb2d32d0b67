package io.switchboard.identity.avatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Images for the avatar tests, made here (WebP: small files made with cwebp, in src/test/resources/avatar). */
public final class TestImages {

    private TestImages() {
    }

    /** A width × height image, left half red and right half blue, in {@code format} ("png" or "jpeg"). */
    public static byte[] redBlue(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A 60 × 40 WebP, left half red and right half blue. */
    public static byte[] webp(boolean lossless) {
        String name = "/avatar/red-blue-60x40-" + (lossless ? "lossless" : "lossy") + ".webp";
        try (InputStream in = TestImages.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A decompression bomb: a valid PNG whose header declares side × side pixels of greyscale, with a few kilobytes
     * of deflated zero rows (the first rows only; a decoder would allocate the whole image first).
     */
    public static byte[] pngBomb(int side) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[4 * 1024 * 1024]);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        int length = deflater.deflate(buffer);
        deflater.end();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(png, "IHDR", ihdr.array(), 13);
        chunk(png, "IDAT", buffer, length);
        chunk(png, "IEND", new byte[0], 0);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        out.writeBytes(typeBytes);
        out.write(data, 0, length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A real progressive JPEG (ImageIO's writer in progressive mode) of a width × height red | blue image. */
    public static byte[] progressiveJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A JPEG marker stream (SOI, a progressive 16 × 16 frame header, {@code scans} SOS segments with a byte of data each, EOI). */
    public static byte[] jpegWithScans(int scans) {
        return jpegWithScanData(scans, new byte[] {0x00});
    }

    /** As {@link #jpegWithScans}, each scan followed by {@code data} as its entropy-coded bytes. */
    public static byte[] jpegWithScanData(int scans, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        // SOF2: length 11, precision 8, height 16, width 16, one component (id 1, sampling 1x1, table 0)
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC2, 0x00, 0x0B, 0x08, 0x00, 0x10, 0x00, 0x10, 0x01, 0x01, 0x11, 0x00});
        for (int i = 0; i < scans; i++) {
            // SOS: length 8, one component (id 1, tables 0/0), Ss 0, Se 0, Ah/Al 0
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00});
            out.writeBytes(data);
        }
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    /** How many times the two-byte marker FF {@code code} occurs in the bytes. */
    public static int countMarkers(byte[] jpeg, int code) {
        int count = 0;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                count++;
            }
        }
        return count;
    }
}
