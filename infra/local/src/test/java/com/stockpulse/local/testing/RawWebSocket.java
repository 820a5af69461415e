package com.stockpulse.local.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client written out by hand, for what a library client will not do: send a single frame of exactly the
 * size a test asks for (the JDK client may split a large message into several frames), send a binary frame, and
 * negotiate permessage-deflate as browsers do (the JDK client offers no extensions).
 */
public final class RawWebSocket implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean deflate;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);

    public RawWebSocket(URI uri) throws IOException {
        this(uri, false);
    }

    /** With {@code deflate}, offers permessage-deflate (as Chrome does) and fails unless the server accepts it. */
    public RawWebSocket(URI uri, boolean deflate) throws IOException {
        this.deflate = deflate;
        socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key)
                + (deflate ? "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits" : "")
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHeaders();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.lines().findFirst().orElse(""));
        }
        if (deflate && !head.toLowerCase(java.util.Locale.ROOT).contains("permessage-deflate")) {
            throw new IOException("the server did not accept permessage-deflate: " + head);
        }
    }

    /** The status of an upgrade request for a raw path and query, which {@link URI} may refuse to parse. */
    public static int handshakeStatus(int port, String pathAndQuery) throws IOException {
        return handshakeStatus(port, pathAndQuery, null);
    }

    /** The same, as a browser on a page of {@code origin} sends it (no Origin header when null). */
    public static int handshakeStatus(int port, String pathAndQuery, String origin) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + (origin == null ? "" : "\r\nOrigin: " + origin)
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** Sends a text message in one frame, compressed when permessage-deflate was negotiated. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (!deflate) {
            sendFrame(0x81, payload);
            return;
        }
        deflater.setInput(payload);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            compressed.write(buffer, 0, n);
        }
        byte[] bytes = compressed.toByteArray();
        // RFC 7692: the sync flush's trailing 00 00 FF FF is not sent.
        sendFrame(0x81 | 0x40, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    }

    public void sendBinaryFrame(byte[] payload) throws IOException {
        sendFrame(0x82, payload);
    }

    /** The next text message (its frames joined, inflated if compressed), skipping control frames. */
    public String nextText() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean compressed = false;
        while (true) {
            int first = in.readUnsignedByte();
            byte[] payload = readPayload();
            int opcode = first & 0x0F;
            if (opcode == 0x8) {
                throw new IOException("closed with " + closeCode(payload));
            }
            if (opcode == 0x1) {
                compressed = (first & 0x40) != 0;
            } else if (opcode != 0x0) {
                continue;
            }
            message.write(payload);
            if ((first & 0x80) != 0) {
                break;
            }
        }
        if (!compressed) {
            return message.toString(StandardCharsets.UTF_8);
        }
        message.write(new byte[] {0, 0, (byte) 0xFF, (byte) 0xFF});
        inflater.setInput(message.toByteArray());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                text.write(buffer, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException(e);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Sends one masked text frame with FIN set, whatever its size. */
    public void sendSingleTextFrame(byte[] payload) throws IOException {
        sendFrame(0x81, payload);
    }

    private void sendFrame(int firstByte, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads frames until a close frame arrives and returns its status code. */
    public int awaitCloseCode() throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            byte[] payload = readPayload();
            if ((first & 0x0F) == 0x8) {
                return closeCode(payload);
            }
        }
    }

    private byte[] readPayload() throws IOException {
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        return in.readNBytes((int) length);
    }

    private static int closeCode(byte[] payload) {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
    }

    @Override
    public void close() throws IOException {
        deflater.end();
        inflater.end();
        socket.close();
    }
}
