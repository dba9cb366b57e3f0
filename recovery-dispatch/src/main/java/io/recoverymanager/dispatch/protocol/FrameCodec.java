package io.recoverymanager.dispatch.protocol;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.protocol.Message.Ack;
import io.recoverymanager.dispatch.protocol.Message.ErrorReply;
import io.recoverymanager.dispatch.protocol.Message.Heartbeat;
import io.recoverymanager.dispatch.protocol.Message.Hello;
import io.recoverymanager.dispatch.protocol.Message.HelloAck;
import io.recoverymanager.dispatch.protocol.Message.ProcessCrashNotice;
import io.recoverymanager.dispatch.protocol.Message.Refused;
import io.recoverymanager.dispatch.protocol.Message.Request;
import io.recoverymanager.dispatch.protocol.Message.ServiceFailureNotice;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The strict frame codec of the master/slave protocol (see {@code PROTOCOL.md}).
 *
 * <p>A frame is a 4-byte big-endian body length, then the body: a 1-byte message type and the
 * payload. Payload fields are big-endian integers, booleans as one byte 0 or 1, strings as a
 * 2-byte length and that many bytes of well-formed UTF-8, optional strings as a presence byte 0/1
 * followed by a string. The decoder rejects with {@link ProtocolException} (never anything else)
 * any unknown type, length out of bounds, field over its limit, malformed UTF-8, bad boolean, and
 * bytes left over after the last field.
 *
 * <p>Thread-safety: stateless; all methods may be called from any thread.
 */
public final class FrameCodec {
    /** The protocol version this implementation speaks. */
    public static final int VERSION = 1;
    /** Largest body (type byte and payload) a frame may carry. */
    public static final int MAX_BODY = 64 * 1024;
    /** Bytes of the length prefix. */
    public static final int HEADER = 4;
    /** Largest name field (context, service, process, request id), in UTF-8 bytes. */
    public static final int MAX_NAME = 255;
    /** Largest path field, in UTF-8 bytes. */
    public static final int MAX_PATH = 4096;
    /** Largest free-text field (detail, reason), in UTF-8 bytes. */
    public static final int MAX_TEXT = 16 * 1024;

    private FrameCodec() {}

    /**
     * Encodes a message as a complete frame (length prefix included).
     *
     * @throws IllegalArgumentException if a field exceeds its limit or is not encodable as UTF-8
     */
    public static byte[] encode(Message message) {
        Writer w = new Writer();
        w.u8(message.type());
        if (message instanceof Hello m) {
            w.u16(m.version());
            w.string(m.context(), MAX_NAME, "context");
        } else if (message instanceof HelloAck m) {
            w.u16(m.version());
            w.string(m.context(), MAX_NAME, "context");
        } else if (message instanceof Refused m) {
            w.string(m.reason(), MAX_TEXT, "reason");
        } else if (message instanceof Request m) {
            w.string(m.requestId(), MAX_NAME, "requestId");
            w.string(m.service(), MAX_NAME, "service");
            w.string(m.action().tomlName(), MAX_NAME, "action");
            w.i32(m.rvector());
            w.optionalString(m.path(), MAX_PATH, "path");
            w.i64(m.atEpochMillis());
        } else if (message instanceof Ack m) {
            w.string(m.requestId(), MAX_NAME, "requestId");
            w.u8(m.outcome().code());
            w.string(m.detail(), MAX_TEXT, "detail");
        } else if (message instanceof ErrorReply m) {
            w.optionalString(m.requestId(), MAX_NAME, "requestId");
            w.string(m.reason(), MAX_TEXT, "reason");
        } else if (message instanceof Heartbeat) {
            // no payload
        } else if (message instanceof ServiceFailureNotice m) {
            w.string(m.context(), MAX_NAME, "context");
            w.string(m.service(), MAX_NAME, "service");
        } else if (message instanceof ProcessCrashNotice m) {
            w.string(m.context(), MAX_NAME, "context");
            w.string(m.process(), MAX_NAME, "process");
        } else {
            throw new IllegalArgumentException("unknown message " + message);
        }
        return w.frame();
    }

    /**
     * Validates a frame's length prefix value.
     *
     * @throws ProtocolException if it is zero, negative or above {@link #MAX_BODY}
     */
    public static int checkBodyLength(int length) throws ProtocolException {
        if (length < 1 || length > MAX_BODY) {
            throw new ProtocolException("frame length " + Integer.toUnsignedString(length) + " outside 1.." + MAX_BODY);
        }
        return length;
    }

    /** Decodes exactly one complete frame (length prefix included) and nothing more. */
    public static Message decodeFrame(byte[] frame) throws ProtocolException {
        if (frame.length < HEADER) {
            throw new ProtocolException("frame shorter than its length prefix");
        }
        int length = checkBodyLength(ByteBuffer.wrap(frame, 0, HEADER).getInt());
        if (frame.length - HEADER != length) {
            throw new ProtocolException(
                    "frame length prefix says " + length + " bytes, frame has " + (frame.length - HEADER));
        }
        return decodeBody(ByteBuffer.wrap(frame, HEADER, length).slice());
    }

    /** Decodes one frame body (type byte and payload); every byte must be consumed. */
    public static Message decodeBody(ByteBuffer body) throws ProtocolException {
        if (body.remaining() < 1 || body.remaining() > MAX_BODY) {
            throw new ProtocolException("frame body of " + body.remaining() + " bytes outside 1.." + MAX_BODY);
        }
        try {
            byte type = body.get();
            Message m =
                    switch (type) {
                        case 1 -> new Hello(u16(body), string(body, MAX_NAME, "context"));
                        case 2 -> new HelloAck(u16(body), string(body, MAX_NAME, "context"));
                        case 3 -> new Refused(string(body, MAX_TEXT, "reason"));
                        case 4 -> request(body);
                        case 5 -> new Ack(
                                string(body, MAX_NAME, "requestId"), outcome(body), string(body, MAX_TEXT, "detail"));
                        case 6 -> new ErrorReply(
                                optionalString(body, MAX_NAME, "requestId"), string(body, MAX_TEXT, "reason"));
                        case 7 -> new Heartbeat();
                        case 8 -> new ServiceFailureNotice(
                                string(body, MAX_NAME, "context"), string(body, MAX_NAME, "service"));
                        case 9 -> new ProcessCrashNotice(
                                string(body, MAX_NAME, "context"), string(body, MAX_NAME, "process"));
                        default -> throw new ProtocolException("unknown frame type " + (type & 0xff));
                    };
            if (body.hasRemaining()) {
                throw new ProtocolException(
                        body.remaining() + " trailing byte(s) after a frame of type " + (type & 0xff));
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new ProtocolException("frame ends in the middle of a field");
        }
    }

    private static Request request(ByteBuffer b) throws ProtocolException {
        String id = string(b, MAX_NAME, "requestId");
        String service = string(b, MAX_NAME, "service");
        String actionName = string(b, MAX_NAME, "action");
        ActionType action = ActionType.byName(actionName)
                .filter(t -> t.tomlName().equals(actionName))
                .orElseThrow(() -> new ProtocolException("unknown action '" + actionName + "'"));
        int rvector = b.getInt();
        if (rvector < 0) {
            throw new ProtocolException("negative rvector " + rvector);
        }
        Optional<String> path = optionalString(b, MAX_PATH, "path");
        long at = b.getLong();
        return new Request(id, service, action, rvector, path, at);
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xffff;
    }

    private static boolean bool(ByteBuffer b) throws ProtocolException {
        byte v = b.get();
        if (v == 0 || v == 1) {
            return v == 1;
        }
        throw new ProtocolException("boolean byte " + (v & 0xff) + " is neither 0 nor 1");
    }

    private static Ack.Outcome outcome(ByteBuffer b) throws ProtocolException {
        byte v = b.get();
        Ack.Outcome[] all = Ack.Outcome.values();
        if (v >= 0 && v < all.length) {
            return all[v];
        }
        throw new ProtocolException("outcome byte " + (v & 0xff) + " is none of 0 (failed), 1 (ok), 2 (unknown)");
    }

    private static Optional<String> optionalString(ByteBuffer b, int max, String field) throws ProtocolException {
        byte present = b.get();
        if (present == 0) {
            return Optional.empty();
        }
        if (present != 1) {
            throw new ProtocolException("presence byte " + (present & 0xff) + " of " + field + " is neither 0 nor 1");
        }
        return Optional.of(string(b, max, field));
    }

    private static String string(ByteBuffer b, int max, String field) throws ProtocolException {
        int length = u16(b);
        if (length > max) {
            throw new ProtocolException(field + " of " + length + " bytes exceeds " + max);
        }
        if (length > b.remaining()) {
            throw new ProtocolException(field + " of " + length + " bytes runs past the frame end");
        }
        ByteBuffer bytes = b.slice().limit(length);
        b.position(b.position() + length);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(field + " is not well-formed UTF-8");
        }
    }

    /** Accumulates a frame body; keeps the encoder free of checked exceptions. */
    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(256);

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void u8(int v) {
            ensure(1);
            buf.put((byte) v);
        }

        void u16(int v) {
            if (v < 0 || v > 0xffff) {
                throw new IllegalArgumentException("version " + v + " outside 0..65535");
            }
            ensure(2);
            buf.putShort((short) v);
        }

        void i32(int v) {
            ensure(4);
            buf.putInt(v);
        }

        void i64(long v) {
            ensure(8);
            buf.putLong(v);
        }

        void bool(boolean v) {
            u8(v ? 1 : 0);
        }

        void optionalString(Optional<String> s, int max, String field) {
            if (s.isEmpty()) {
                u8(0);
            } else {
                u8(1);
                string(s.get(), max, field);
            }
        }

        void string(String s, int max, String field) {
            ByteBuffer bytes;
            try {
                bytes = StandardCharsets.UTF_8
                        .newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(CharBuffer.wrap(s));
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(field + " is not encodable as UTF-8", e);
            }
            if (bytes.remaining() > max) {
                throw new IllegalArgumentException(field + " of " + bytes.remaining() + " bytes exceeds " + max);
            }
            ensure(2 + bytes.remaining());
            buf.putShort((short) bytes.remaining());
            buf.put(bytes);
        }

        byte[] frame() {
            int length = buf.position();
            if (length > MAX_BODY) {
                throw new IllegalArgumentException("frame body of " + length + " bytes exceeds " + MAX_BODY);
            }
            byte[] out = new byte[HEADER + length];
            ByteBuffer.wrap(out).putInt(length).put(buf.array(), 0, length);
            return out;
        }
    }

    /** Cuts a text to at most {@code maxChars} characters, marking the cut; for detail fields. */
    public static String truncate(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int cut = Math.max(0, maxChars - 20);
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + " ...[truncated]";
    }
}
