package dev.payledger.jdbc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkout and outbox maps survive the trip to a jsonb column and back, whatever their text. */
class FlatJsonProperties {

    @Provide
    Arbitrary<Map<String, String>> maps() {
        // jsonb cannot hold U+0000; every other character, surrogate pairs included, must survive.
        Arbitrary<String> text = Arbitraries.strings().all().excludeChars('\u0000').ofMaxLength(20)
                .filter(FlatJsonProperties::isWellFormed);
        return Arbitraries.maps(text, text).ofMaxSize(6);
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 200)
    void writeThenReadIsIdentity(@ForAll("maps") Map<String, String> map) {
        assertThat(FlatJson.read(FlatJson.write(map))).isEqualTo(map);
    }

    @Property(tries = 30)
    void whatPostgresPrintsForTheJsonbReadsBackTheSame(@ForAll("maps") Map<String, String> map) {
        String printed = TestDatabase.jdbi().withHandle(handle -> handle.createQuery("SELECT CAST(:json AS jsonb)::text")
                .bind("json", FlatJson.write(map)).mapTo(String.class).one());

        assertThat(FlatJson.read(printed)).isEqualTo(map);
    }
}
