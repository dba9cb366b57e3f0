package io.recoverymanager.dispatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Property(tries = 2000)
    void everyMessageRoundTrips(@ForAll("messages") Message message) throws ProtocolException {
        byte[] frame = FrameCodec.encode(message);
        assertThat(ByteBuffer.wrap(frame).getInt()).isEqualTo(frame.length - FrameCodec.HEADER);
        assertThat(FrameCodec.decodeFrame(frame)).isEqualTo(message);
    }

    /** Random and mutated frames: the decoder either decodes or throws ProtocolException, nothing else. */
    @Property(tries = 5000)
    void mutatedFramesNeverThrowAnythingButProtocolException(
            @ForAll("messages") Message message, @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int flips) {
        Random random = new Random(seed);
        byte[] frame = FrameCodec.encode(message);
        byte[] mutated;
        switch (random.nextInt(4)) {
            case 0 -> { // flip bytes
                mutated = frame.clone();
                for (int i = 0; i < flips; i++) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> mutated = Arrays.copyOf(frame, random.nextInt(frame.length)); // cut
            case 2 -> { // extend
                mutated = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(8));
                ByteBuffer.wrap(mutated).putInt(mutated.length - FrameCodec.HEADER);
            }
            default -> { // pure noise
                mutated = new byte[random.nextInt(64)];
                random.nextBytes(mutated);
            }
        }
        assertDecodesOrRejects(mutated);
        // the body path too, with the length prefix repaired so the body parser is reached
        if (mutated.length > FrameCodec.HEADER) {
            ByteBuffer.wrap(mutated).putInt(mutated.length - FrameCodec.HEADER);
            assertDecodesOrRejects(mutated);
        }
    }

    private static void assertDecodesOrRejects(byte[] bytes) {
        try {
            Message m = FrameCodec.decodeFrame(bytes);
            // whatever decoded must encode back to the same bytes: the decoder accepts only canonical frames
            assertThat(FrameCodec.encode(m)).isEqualTo(bytes);
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void rejectsUnknownTypeTrailingBytesAndBadLengths() {
        assertThatThrownBy(() -> FrameCodec.decodeFrame(new byte[] {0, 0, 0, 1, 42}))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown frame type 42");
        assertThatThrownBy(() -> FrameCodec.decodeFrame(new byte[] {0, 0, 0, 2, 7, 0}))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> FrameCodec.checkBodyLength(FrameCodec.MAX_BODY + 1))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> FrameCodec.checkBodyLength(0)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> FrameCodec.checkBodyLength(-1))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("4294967295");
    }

    @Test
    void rejectsMalformedUtf8AndNonCanonicalBooleans() throws ProtocolException {
        byte[] hello = FrameCodec.encode(new Hello(1, "ab"));
        hello[hello.length - 1] = (byte) 0xff;
        assertThatThrownBy(() -> FrameCodec.decodeFrame(hello)).hasMessageContaining("UTF-8");

        byte[] ack = FrameCodec.encode(new Ack("id", true, "d"));
        int boolAt = FrameCodec.HEADER + 1 + 2 + 2;
        assertThat(ack[boolAt]).isEqualTo((byte) 1);
        ack[boolAt] = 3;
        assertThatThrownBy(() -> FrameCodec.decodeFrame(ack)).hasMessageContaining("outcome byte 3");
    }

    @Test
    void unknownOutcomeRoundTripsAsByteTwo() throws ProtocolException {
        byte[] ack = FrameCodec.encode(new Ack("id", Ack.Outcome.UNKNOWN, "d"));
        assertThat(ack[FrameCodec.HEADER + 1 + 2 + 2]).isEqualTo((byte) 2);
        Ack decoded = (Ack) FrameCodec.decodeFrame(ack);
        assertThat(decoded.outcome()).isEqualTo(Ack.Outcome.UNKNOWN);
        assertThat(decoded.success()).isFalse();
    }

    @Test
    void rejectsUnknownActionAndLegacyAliasOnTheWire() {
        byte[] frame =
                FrameCodec.encode(new Request("r", "a.service", ActionType.RESTART_PLATFORM, 3, Optional.empty(), 5));
        String s = new String(frame, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("restart-platform", "platformRestart");
        byte[] legacy = Arrays.copyOf(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), frame.length - 1);
        ByteBuffer.wrap(legacy).putInt(legacy.length - FrameCodec.HEADER);
        // fix the string length of the action field: "platformRestart" is one byte shorter
        int at = FrameCodec.HEADER + 1 + 2 + 1 + 2 + "a.service".length();
        ByteBuffer.wrap(legacy).putShort(at, (short) "platformRestart".length());
        assertThatThrownBy(() -> FrameCodec.decodeFrame(legacy)).hasMessageContaining("unknown action");
    }

    @Test
    void encoderRefusesOversizedFields() {
        assertThatThrownBy(() -> FrameCodec.encode(new Hello(1, "x".repeat(FrameCodec.MAX_NAME + 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context");
        assertThatThrownBy(() -> FrameCodec.encode(new Refused("\ud800")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void truncateKeepsSurrogatePairsWhole() {
        String text = "a".repeat(29) + "\ud83d\ude00" + "b".repeat(50);
        String cut = FrameCodec.truncate(text, 50);
        assertThat(cut).endsWith("...[truncated]");
        assertThat(FrameCodec.encode(new Refused(cut))).isNotEmpty();
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<String> names = Arbitraries.strings()
                .withCharRange(' ', '\ud7ff')
                .ofMinLength(0)
                .ofMaxLength(60);
        Arbitrary<String> text =
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(300);
        Arbitrary<Integer> version = Arbitraries.integers().between(0, 0xffff);
        Arbitrary<Optional<String>> optionalName = names.optional();
        Arbitrary<Message> hello = Combinators.combine(version, names).as(Hello::new);
        Arbitrary<Message> helloAck = Combinators.combine(version, names).as(HelloAck::new);
        Arbitrary<Message> refused = text.map(Refused::new);
        Arbitrary<Message> request = Combinators.combine(
                        names,
                        names,
                        Arbitraries.of(ActionType.class),
                        Arbitraries.integers().greaterOrEqual(0),
                        optionalName,
                        Arbitraries.longs())
                .as(Request::new);
        Arbitrary<Message> ack = Combinators.combine(names, Arbitraries.of(Ack.Outcome.class), text)
                .as(Ack::new);
        Arbitrary<Message> error = Combinators.combine(optionalName, text).as(ErrorReply::new);
        Arbitrary<Message> heartbeat = Arbitraries.just(new Heartbeat());
        Arbitrary<Message> failure = Combinators.combine(names, names).as(ServiceFailureNotice::new);
        Arbitrary<Message> crash = Combinators.combine(names, names).as(ProcessCrashNotice::new);
        return Arbitraries.oneOf(hello, helloAck, refused, request, ack, error, heartbeat, failure, crash);
    }
}
