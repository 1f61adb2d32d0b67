package io.switchboard.identity.avatar;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The rules for a profile image, without the web or the database: PNG, JPEG or WebP, at most {@link #MAX_BYTES};
 * the dimensions are read from the header and refused above {@link #MAX_SIDE} before anything is decoded (a
 * decompression bomb never reaches the decoder); then only the centred square is decoded (subsampled to at most
 * about 4 × the output), scaled to {@link #SIZE} × {@link #SIZE}, turned upright as a JPEG's EXIF orientation says, and
 * encoded as PNG by us (no metadata of the upload is kept). The upload's bytes are
 * never kept: {@link #normalize} answers our own encoding only. Blocking CPU work: callers run it off the event loop.
 */
public final class AvatarImages {

    /** The largest upload, in bytes. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The largest width or height an upload may declare. */
    public static final int MAX_SIDE = 4096;
    /** The stored image is SIZE × SIZE pixels. */
    public static final int SIZE = 256;
    /**
     * The largest width or height of a progressive JPEG: its decoder keeps every coefficient of the whole image
     * (about 6 bytes a pixel, outside the Java heap) until the last scan, so 4096² would cost about 100 MB a decode.
     */
    public static final int MAX_PROGRESSIVE_SIDE = 2048;
    /** The most scans (SOS segments) a JPEG may have: each one is a pass over the image (a normal progressive JPEG has about 10). */
    public static final int MAX_JPEG_SCANS = 32;

    /** The formats we accept, by their media type and first bytes. */
    public enum Format {
        PNG("image/png"), JPEG("image/jpeg"), WEBP("image/webp");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        /** The format a Content-Type names (parameters ignored); empty for anything else. */
        public static Optional<Format> ofContentType(String contentType) {
            if (contentType == null) {
                return Optional.empty();
            }
            String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            for (Format format : values()) {
                if (format.mediaType.equals(type)) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }

        /** The format the bytes start like (magic numbers); empty for anything else. */
        static Optional<Format> sniff(byte[] bytes) {
            if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
                return Optional.of(PNG);
            }
            if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
                return Optional.of(JPEG);
            }
            if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
                return Optional.of(WEBP);
            }
            return Optional.empty();
        }

        private static boolean startsWith(byte[] bytes, int offset, int... expected) {
            if (bytes.length < offset + expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if ((bytes[offset + i] & 0xFF) != expected[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Why an upload is refused; the message is written for the person who sent it. */
    public enum Reason { UNSUPPORTED_TYPE, TOO_LARGE, NOT_READABLE, DIMENSIONS_TOO_LARGE, TOO_COSTLY }

    /** An upload refused by these rules. */
    public static final class Refused extends RuntimeException {
        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

    /** Our encoding of an accepted upload, and its entity tag (quoted, strong). */
    public record Normalized(byte[] png, String etag) {
    }

    private AvatarImages() {
    }

    /** The declared Content-Type as one of ours, or {@link Refused} UNSUPPORTED_TYPE. */
    public static Format requireSupported(String contentType) {
        return Format.ofContentType(contentType).orElseThrow(() -> new Refused(Reason.UNSUPPORTED_TYPE,
                "Send a PNG, JPEG or WebP image (Content-Type image/png, image/jpeg or image/webp)"
                        + (contentType == null || contentType.isBlank() ? "; the request had no Content-Type." : ", not " + contentType.split(";", 2)[0].trim() + ".")));
    }

    /** {@link Refused} TOO_LARGE for a body longer than {@link #MAX_BYTES}. */
    public static void requireSize(long bytes) {
        if (bytes > MAX_BYTES) {
            throw tooLarge();
        }
    }

    static Refused tooLarge() {
        return new Refused(Reason.TOO_LARGE, "The image is larger than 2 MB; choose a smaller one.");
    }

    /**
     * The upload, checked and re-encoded: a {@link #SIZE} × {@link #SIZE} PNG of its centred square.
     *
     * @throws Refused when the bytes are too many, are not an image of the declared format, cannot be decoded, or
     *                 declare more than {@link #MAX_SIDE} pixels in either direction
     */
    public static Normalized normalize(byte[] upload, Format declared) {
        requireSize(upload.length);
        Format actual = Format.sniff(upload).orElseThrow(() -> new Refused(Reason.NOT_READABLE,
                "The file is not a PNG, JPEG or WebP image."));
        if (actual != declared) {
            throw new Refused(Reason.NOT_READABLE, "The file is a " + actual.name() + " image but was sent as " + declared.mediaType() + ".");
        }
        if (actual == Format.JPEG) {
            requireModestJpeg(upload);
        }
        BufferedImage square = decodeSquare(upload, actual);
        int orientation = actual == Format.JPEG ? exifOrientation(upload) : 1;
        byte[] png = encodePng(orient(scale(square, SIZE), orientation));
        return new Normalized(png, etag(png));
    }

    private static BufferedImage decodeSquare(byte[] upload, Format format) {
        ImageReader reader = reader(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(input, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw unreadable();
            }
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw new Refused(Reason.DIMENSIONS_TOO_LARGE, "The image is " + width + " × " + height + " pixels; at most "
                        + MAX_SIDE + " × " + MAX_SIDE + " is accepted.");
            }
            int side = Math.min(width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
            int step = Math.max(1, side / (2 * SIZE));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage decoded = reader.read(0, param);
            return centredSquare(decoded);
        } catch (Refused refused) {
            throw refused;
        } catch (IOException | RuntimeException malformed) {
            // a truncated or hostile file makes decoders throw all sorts of things; the answer is the same
            throw unreadable();
        } finally {
            reader.dispose();
        }
    }

    /**
     * Walks a JPEG's markers (never decoding anything) and refuses, as {@link Reason#TOO_COSTLY}, one with more than
     * {@link #MAX_JPEG_SCANS} scans or a progressive one above {@link #MAX_PROGRESSIVE_SIDE} in either direction;
     * {@link Reason#NOT_READABLE} when the marker structure is broken before the first frame header.
     */
    static void requireModestJpeg(byte[] jpeg) {
        int scans = 0;
        boolean frameSeen = false;
        int at = 2; // after SOI
        while (at + 1 < jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                throw unreadable();
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                at++;
                continue;
            }
            if (marker == 0xD9) { // EOI
                return;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // no length: TEM, RSTn, SOI
                at += 2;
                continue;
            }
            if (at + 4 > jpeg.length) {
                break;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (length < 2) {
                throw unreadable();
            }
            if (isStartOfFrame(marker) && at + 9 <= jpeg.length) {
                frameSeen = true;
                int height = ((jpeg[at + 5] & 0xFF) << 8) | (jpeg[at + 6] & 0xFF);
                int width = ((jpeg[at + 7] & 0xFF) << 8) | (jpeg[at + 8] & 0xFF);
                boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                if (progressive && (width > MAX_PROGRESSIVE_SIDE || height > MAX_PROGRESSIVE_SIDE)) {
                    throw new Refused(Reason.TOO_COSTLY, "The image is a progressive JPEG of " + width + " × " + height
                            + " pixels; progressive JPEGs are accepted up to " + MAX_PROGRESSIVE_SIDE + " × " + MAX_PROGRESSIVE_SIDE
                            + ". Make it smaller, or save it as a baseline (standard) JPEG or a PNG.");
                }
            }
            at += 2 + length;
            if (marker == 0xDA) { // SOS: its entropy-coded data runs to the next marker other than RSTn or a stuffed 0xFF00
                if (++scans > MAX_JPEG_SCANS) {
                    throw new Refused(Reason.TOO_COSTLY, "The JPEG has more than " + MAX_JPEG_SCANS
                            + " scans, far more than a normal photo; save it again as a baseline (standard) JPEG or a PNG.");
                }
                while (at + 1 < jpeg.length) {
                    if ((jpeg[at] & 0xFF) == 0xFF) {
                        int next = jpeg[at + 1] & 0xFF;
                        if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
                            break;
                        }
                    }
                    at++;
                }
            }
        }
        if (!frameSeen) {
            throw unreadable();
        }
        // truncated after the frame header: the decoder decides (it may still read a partial image)
    }

    /** SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static Refused unreadable() {
        return new Refused(Reason.NOT_READABLE, "The image could not be read; it may be damaged or use an unusual encoding (CMYK JPEG, for one).");
    }

    private static ImageReader reader(Format format) {
        if (format == Format.WEBP) {
            // created directly: the ImageIO registry may not see a plugin inside a packaged application
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == Format.PNG ? "png" : "jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        return readers.next();
    }

    /** The centred square of the image (the reader may have honoured the region already: then it is the image). */
    private static BufferedImage centredSquare(BufferedImage image) {
        int side = Math.min(image.getWidth(), image.getHeight());
        if (image.getWidth() == side && image.getHeight() == side) {
            return image;
        }
        return image.getSubimage((image.getWidth() - side) / 2, (image.getHeight() - side) / 2, side, side);
    }

    /** A square image scaled to size × size: halving while more than twice too large, then one bicubic step. */
    static BufferedImage scale(BufferedImage square, int size) {
        BufferedImage current = square;
        int side = square.getWidth();
        while (side / 2 >= size * 2) {
            side /= 2;
            current = draw(current, side, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return draw(current, size, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int side, Object interpolation) {
        BufferedImage target = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, side, side, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /**
     * A JPEG's EXIF orientation (1–8; 1, upright, when there is none or it cannot be read): phone cameras store the
     * pixels as the sensor saw them and say in this tag how to turn them. Only the first APP1 "Exif" segment's IFD0 is read.
     */
    static int exifOrientation(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == 0xDA || marker == 0xD9 || length < 2) {
                return 1;
            }
            int start = at + 4;
            int end = Math.min(jpeg.length, at + 2 + length);
            if (marker == 0xE1 && end - start > 14 && jpeg[start] == 'E' && jpeg[start + 1] == 'x' && jpeg[start + 2] == 'i'
                    && jpeg[start + 3] == 'f' && jpeg[start + 4] == 0 && jpeg[start + 5] == 0) {
                return tiffOrientation(jpeg, start + 6, end);
            }
            at += 2 + length;
        }
        return 1;
    }

    private static int tiffOrientation(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return 1;
        }
        long ifd = tiff + unsigned(b, tiff + 4, 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = (int) unsigned(b, (int) ifd, 2, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (unsigned(b, entry, 2, little) == 0x0112 && unsigned(b, entry + 2, 2, little) == 3) {
                int value = (int) unsigned(b, entry + 8, 2, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long unsigned(byte[] b, int at, int bytes, boolean little) {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            int octet = b[at + (little ? bytes - 1 - i : i)] & 0xFF;
            value = (value << 8) | octet;
        }
        return value;
    }

    /** A square image turned upright as EXIF orientation {@code orientation} says (1: as it is). */
    static BufferedImage orient(BufferedImage square, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return square;
        }
        int n = square.getWidth();
        BufferedImage upright = new BufferedImage(n, n, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                // (x, y) of the upright image comes from (sx, sy) of the stored one
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = n - 1 - x; sy = y; }
                    case 3 -> { sx = n - 1 - x; sy = n - 1 - y; }
                    case 4 -> { sx = x; sy = n - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = n - 1 - x; }
                    case 7 -> { sx = n - 1 - y; sy = n - 1 - x; }
                    default -> { sx = n - 1 - y; sy = x; } // 8
                }
                upright.setRGB(x, y, square.getRGB(sx, sy));
            }
        }
        return upright;
    }

    private static byte[] encodePng(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.write(image);
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A strong entity tag for these bytes: the first 128 bits of their SHA-256, quoted. */
    static String etag(byte[] png) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(png);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
