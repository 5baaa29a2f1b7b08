package io.github.multiprocessing4j.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.multiprocessing4j.exception.ChildProcessException;
import io.github.multiprocessing4j.exception.DecodeLimitException;
import io.github.multiprocessing4j.function.SerializableBiFunction;
import io.github.multiprocessing4j.function.SerializableFunction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chunk codec in one JVM: what the parent writes the worker reads back, packed or element by element, and
 * what the worker answers the parent reads back, with its failures where they were.
 */
class ItemBlockTest {
    private static final FunctionRef ONE = FunctionCache.of((SerializableFunction<Object, Object>) x -> x, 1);
    private static final FunctionRef TWO = FunctionCache.of((SerializableBiFunction<Object, Object, Object>) (a, b) -> a,
            2);

    private static Object[] roundTrip(Object[] elements, int from, int to, FunctionRef function) {
        ItemBlock.Encoded encoded = ItemBlock.arguments(elements, from, to, from, function);
        ByteBuffer joined = ByteBuffer.allocate((int) encoded.length());
        encoded.parts().forEach(joined::put);
        assertThat(encoded.count()).isEqualTo(to - from);
        return ItemBlock.readArguments(joined.flip(), function.arity());
    }

    private static byte kind(Object[] elements, FunctionRef function) {
        return ItemBlock.arguments(elements, 0, elements.length, 0, function).parts().get(0)[0];
    }

    @Test
    void packsAChunkOfOneBoxedTypeAndReadsItBackBare() {
        Object[] ints = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 24, 255};
        assertThat(kind(ints, ONE)).isEqualTo(ItemBlock.INTS);
        assertThat(roundTrip(ints, 0, ints.length, ONE)).containsExactly(ints);
        assertThat(roundTrip(ints, 2, 5, ONE)).containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 24);
        Object[] longs = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40};
        assertThat(kind(longs, ONE)).isEqualTo(ItemBlock.LONGS);
        assertThat(roundTrip(longs, 0, longs.length, ONE)).containsExactly(longs);
        Object[] doubles = {0.0, -0.0, Double.NaN, Double.NEGATIVE_INFINITY, Math.PI, Double.MIN_VALUE};
        assertThat(kind(doubles, ONE)).isEqualTo(ItemBlock.DOUBLES);
        assertThat(roundTrip(doubles, 0, doubles.length, ONE)).containsExactly(doubles);
    }

    @Test
    void encodesMixedNullAndOtherElementsOneByOne() {
        Object[] mixed = {1, 2L, 3.0, "four", null, List.of(5)};
        assertThat(kind(mixed, ONE)).isEqualTo(ItemBlock.CODEC);
        assertThat(roundTrip(mixed, 0, mixed.length, ONE)).containsExactly(mixed);
        Object[] intsThenNull = {1, 2, null};
        assertThat(kind(intsThenNull, ONE)).isEqualTo(ItemBlock.CODEC);
        assertThat(roundTrip(intsThenNull, 0, 3, ONE)).containsExactly(1, 2, null);
        Object[] pairs = {new Object[] {1, "a"}, new Object[] {2, null}};
        assertThat(kind(pairs, TWO)).as("argument arrays are never packed").isEqualTo(ItemBlock.CODEC);
        Object[] rows = roundTrip(pairs, 0, 2, TWO);
        assertThat((Object[]) rows[0]).containsExactly(1, "a");
        assertThat((Object[]) rows[1]).containsExactly(2, null);
    }

    @Test
    void listElementsGiveTheSameBlockAsBareOnes() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {i});
        }
        ItemBlock.Encoded fromList = ItemBlock.arguments(rows, 3, 7, 3, ONE);
        ItemBlock.Encoded bare = ItemBlock.arguments(new Object[] {3, 4, 5, 6}, 0, 4, 3, ONE);
        assertThat(fromList.parts().get(0)).isEqualTo(bare.parts().get(0));
    }

    @Test
    void aPackedCountLargerThanTheBlockIsRefused() {
        ByteBuffer lying = ByteBuffer.allocate(13).put(ItemBlock.INTS).putInt(1_000_000).putInt(7).putInt(8);
        assertThatThrownBy(() -> ItemBlock.readArguments(lying.flip(), 1)).isInstanceOf(DecodeLimitException.class);
        ByteBuffer results = ByteBuffer.allocate(13).put(ItemBlock.LONGS).putInt(2).putLong(7);
        assertThatThrownBy(() -> ItemBlock.readOutcomes(results.flip(), "w", 1))
                .isInstanceOf(DecodeLimitException.class);
    }

    private static Outcomes answer(Object[] values, Throwable[] errors) {
        byte[] frame = ItemBlock.outcomes(values, errors, 8);
        return ItemBlock.readOutcomes(ByteBuffer.wrap(frame, 8, frame.length - 8), "PoolWorker-1", 42);
    }

    @Test
    void outcomesComeBackInPlaceAfterTheRoomLeftForTheHeader() {
        Object[] squares = {0, 1, 4, 9};
        Object[] into = new Object[6];
        assertThat(answer(squares, new Throwable[4]).copyTo(into, 2)).isNull();
        assertThat(into).containsExactly(null, null, 0, 1, 4, 9);
        Object[] strings = {"a", null, 3L};
        Outcomes back = answer(strings, new Throwable[3]);
        assertThat(back.count()).isEqualTo(3);
        assertThat(back.toArray()).extracting(Outcome::value).containsExactly("a", null, 3L);
    }

    @Test
    void theFirstFailingElementIsTheOneReported() {
        Throwable[] errors = {null, new IllegalStateException("second"), new IllegalArgumentException("third")};
        Outcomes back = answer(new Object[] {1, null, null}, errors);
        Object[] into = new Object[3];
        Throwable first = back.copyTo(into, 0);
        assertThat(first).isInstanceOf(ChildProcessException.class);
        assertThat(first.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("second");
        assertThat(into[0]).isEqualTo(1);
        assertThat(back.get(2).error().getCause()).hasMessage("third");
        assertThat(Outcomes.failed(2, first).get(1).error()).isSameAs(first);
    }
}
