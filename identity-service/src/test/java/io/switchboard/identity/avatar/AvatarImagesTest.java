package io.switchboard.identity.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.identity.avatar.AvatarImages.Format;
import io.switchboard.identity.avatar.AvatarImages.Reason;
import io.switchboard.identity.avatar.AvatarImages.Refused;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvatarImagesTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

    @Test
    void png_isCroppedToItsCentreSquare_andScaledTo256PngOfOurOwn() throws IOException {
        byte[] upload = TestImages.redBlue(600, 300, "png");
        AvatarImages.Normalized result = AvatarImages.normalize(upload, Format.PNG);

        BufferedImage out = read(result.png());
        assertThat(out.getWidth()).isEqualTo(256);
        assertThat(out.getHeight()).isEqualTo(256);
        assertThat(result.png()).isNotEqualTo(upload);
        // the centred 300 × 300 square of a red | blue image is still red on the left, blue on the right
        assertThat(out.getRGB(10, 128) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(out.getRGB(245, 128) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(result.etag()).matches("\"[0-9a-f]{32}\"");
    }

    @Test
    void jpeg_portraitAndLarge_becomes256Png() throws IOException {
        AvatarImages.Normalized result = AvatarImages.normalize(TestImages.redBlue(1200, 4000, "jpeg"), Format.JPEG);
        assertPng256(result.png());
    }

    @Test
    void smallImages_areScaledUp() throws IOException {
        assertPng256(AvatarImages.normalize(TestImages.redBlue(16, 9, "png"), Format.PNG).png());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void webp_losslessAndLossy_become256Png(boolean lossless) throws IOException {
        byte[] png = AvatarImages.normalize(TestImages.webp(lossless), Format.WEBP).png();
        assertPng256(png);
        BufferedImage out = read(png);
        assertThat(out.getRGB(10, 128) & 0xFF0000).as("red on the left").isGreaterThan(0xC00000);
        assertThat(out.getRGB(245, 128) & 0x0000FF).as("blue on the right").isGreaterThan(0xC0);
    }

    @Test
    void theSameUpload_givesTheSameBytesAndEtag() {
        byte[] upload = TestImages.redBlue(300, 200, "png");
        AvatarImages.Normalized first = AvatarImages.normalize(upload, Format.PNG);
        AvatarImages.Normalized second = AvatarImages.normalize(upload, Format.PNG);
        assertThat(second.png()).isEqualTo(first.png());
        assertThat(second.etag()).isEqualTo(first.etag());
        assertThat(AvatarImages.normalize(TestImages.redBlue(300, 200, "jpeg"), Format.JPEG).etag()).as("another image").isNotEqualTo(first.etag());
    }

    @Test
    void aDecompressionBomb_isRefusedFromItsHeader_beforeDecoding() {
        byte[] bomb = TestImages.pngBomb(60_000);
        assertThat(bomb.length).as("small on the wire").isLessThan(64 * 1024);
        assertThatThrownBy(() -> AvatarImages.normalize(bomb, Format.PNG))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.DIMENSIONS_TOO_LARGE);
                    assertThat(refused.getMessage()).contains("60000 × 60000").contains("4096 × 4096");
                });
    }

    @Test
    void oneSideOverTheLimit_isRefused_theLimitItselfIsNot() {
        assertThatThrownBy(() -> AvatarImages.normalize(TestImages.redBlue(4097, 8, "png"), Format.PNG))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.DIMENSIONS_TOO_LARGE));
        assertThat(AvatarImages.normalize(TestImages.redBlue(4096, 8, "png"), Format.PNG).png()).startsWith(PNG_MAGIC);
    }

    @Test
    void moreThan2MB_isRefusedBeforeLooking() {
        byte[] big = new byte[AvatarImages.MAX_BYTES + 1];
        System.arraycopy(PNG_MAGIC, 0, big, 0, PNG_MAGIC.length);
        assertThatThrownBy(() -> AvatarImages.normalize(big, Format.PNG))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.TOO_LARGE);
                    assertThat(refused.getMessage()).contains("2 MB");
                });
        assertThatThrownBy(() -> AvatarImages.requireSize(AvatarImages.MAX_BYTES + 1L)).isInstanceOf(Refused.class);
        AvatarImages.requireSize(AvatarImages.MAX_BYTES);
        AvatarImages.requireSize(-1); // no Content-Length: the body is counted as it is read
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/gif", "image/svg+xml", "text/html", "application/octet-stream", ""})
    void otherTypes_areUnsupported(String contentType) {
        assertThatThrownBy(() -> AvatarImages.requireSupported(contentType))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.UNSUPPORTED_TYPE);
                    assertThat(refused.getMessage()).contains("PNG, JPEG or WebP");
                });
        assertThatThrownBy(() -> AvatarImages.requireSupported(null)).isInstanceOf(Refused.class);
    }

    @Test
    void supportedTypes_ignoreCaseAndParameters() {
        assertThat(AvatarImages.requireSupported("IMAGE/PNG")).isEqualTo(Format.PNG);
        assertThat(AvatarImages.requireSupported("image/jpeg; charset=binary")).isEqualTo(Format.JPEG);
        assertThat(AvatarImages.requireSupported("image/webp")).isEqualTo(Format.WEBP);
    }

    @Test
    void bytesThatAreNotTheDeclaredFormat_areRefused() {
        assertThatThrownBy(() -> AvatarImages.normalize(TestImages.redBlue(50, 50, "jpeg"), Format.PNG))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.NOT_READABLE);
                    assertThat(refused.getMessage()).contains("JPEG").contains("image/png");
                });
        assertThatThrownBy(() -> AvatarImages.normalize("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(), Format.PNG))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_READABLE));
    }

    @Test
    void aTruncatedImage_isRefusedAsUnreadable() {
        byte[] png = TestImages.redBlue(200, 200, "png");
        byte[] truncated = Arrays.copyOf(png, 40);
        assertThatThrownBy(() -> AvatarImages.normalize(truncated, Format.PNG))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_READABLE));
        byte[] jpeg = TestImages.redBlue(200, 200, "jpeg");
        assertThatThrownBy(() -> AvatarImages.normalize(Arrays.copyOf(jpeg, 12), Format.JPEG)).isInstanceOf(Refused.class);
    }

    @Test
    void aJpegsExifOrientation_isApplied_soPhonePhotosStandUpright() throws IOException {
        byte[] stored = TestImages.redBlue(300, 200, "jpeg"); // red left, blue right, as the sensor saw it
        byte[] rotatedRight = withExifOrientation(stored, 6, false); // "turn 90° clockwise to show"
        assertThat(AvatarImages.exifOrientation(rotatedRight)).isEqualTo(6);
        assertThat(AvatarImages.exifOrientation(withExifOrientation(stored, 8, true))).isEqualTo(8);
        assertThat(AvatarImages.exifOrientation(stored)).isEqualTo(1);

        BufferedImage upright = read(AvatarImages.normalize(rotatedRight, Format.JPEG).png());
        assertThat(upright.getRGB(245, 10) & 0xFF0000).as("red on top, also on the right").isGreaterThan(0xC00000);
        assertThat(upright.getRGB(10, 245) & 0x0000FF).as("blue at the bottom, also on the left").isGreaterThan(0xC0);
    }

    @Test
    void aDamagedExifSegment_isIgnored() {
        byte[] jpeg = TestImages.redBlue(64, 64, "jpeg");
        byte[] broken = withExifOrientation(jpeg, 6, false);
        broken[4 + 2 + 6 + 4] = (byte) 0x7F; // the IFD offset now points far past the segment
        assertThat(AvatarImages.exifOrientation(broken)).isEqualTo(1);
        assertThat(AvatarImages.normalize(broken, Format.JPEG).png()).startsWith(PNG_MAGIC);
    }

    /** The JPEG with an APP1 Exif segment, right after SOI, whose IFD0 holds only the orientation. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        java.nio.ByteBuffer tiff = java.nio.ByteBuffer.allocate(8 + 2 + 12 + 4)
                .order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] payload = new byte[6 + tiff.capacity()];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, payload, 0, 6);
        System.arraycopy(tiff.array(), 0, payload, 6, tiff.capacity());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void assertPng256(byte[] png) throws IOException {
        assertThat(png).startsWith(PNG_MAGIC);
        BufferedImage out = read(png);
        assertThat(out.getWidth()).isEqualTo(256);
        assertThat(out.getHeight()).isEqualTo(256);
    }

    private static BufferedImage read(byte[] png) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void aSmallProgressiveJpeg_isAccepted() throws IOException {
        byte[] progressive = TestImages.progressiveJpeg(600, 400);
        assertThat(TestImages.countMarkers(progressive, 0xDA)).as("a real progressive JPEG has several scans").isGreaterThan(1);
        assertPng256(AvatarImages.normalize(progressive, Format.JPEG).png());
    }

    @Test
    void aProgressiveJpegAbove2048_isRefusedBeforeDecoding_butABaselineOneOfTheSameSizeIsNot() throws IOException {
        assertThatThrownBy(() -> AvatarImages.normalize(TestImages.progressiveJpeg(2049, 300), Format.JPEG))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.TOO_COSTLY);
                    assertThat(refused.getMessage()).contains("2049 × 300").contains("progressive");
                });
        assertThatThrownBy(() -> AvatarImages.requireModestJpeg(TestImages.progressiveJpeg(300, 2049)))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.TOO_COSTLY));
        AvatarImages.requireModestJpeg(TestImages.progressiveJpeg(2048, 2048));
        assertPng256(AvatarImages.normalize(TestImages.redBlue(2049, 300, "jpeg"), Format.JPEG).png());
    }

    @Test
    void aJpegWithMoreThan32Scans_isRefused_32AreNot() {
        assertThatThrownBy(() -> AvatarImages.normalize(TestImages.jpegWithScans(33), Format.JPEG))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(Reason.TOO_COSTLY);
                    assertThat(refused.getMessage()).contains("more than 32 scans");
                });
        assertThatThrownBy(() -> AvatarImages.requireModestJpeg(TestImages.jpegWithScans(5000)))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.TOO_COSTLY));
        AvatarImages.requireModestJpeg(TestImages.jpegWithScans(32));
    }

    @Test
    void theMarkerWalk_skipsEntropyCodedData_stuffedBytesAndRestartMarkers() {
        // scan data holding FF 00 (a stuffed byte) and FF D0 (a restart marker) is still one scan
        AvatarImages.requireModestJpeg(TestImages.jpegWithScanData(32, new byte[] {0x12, (byte) 0xFF, 0x00, 0x34, (byte) 0xFF, (byte) 0xD0, 0x56}));
        assertThatThrownBy(() -> AvatarImages.requireModestJpeg(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00}))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.reason()).isEqualTo(Reason.NOT_READABLE));
    }
}
