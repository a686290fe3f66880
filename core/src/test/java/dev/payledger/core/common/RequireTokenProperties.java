package dev.payledger.core.common;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Require#token} accepts exactly the identifiers its rule names, whatever characters come its way. */
class RequireTokenProperties {
    /** The rule, written as a regular expression: a letter or digit, then letters, digits and {@code _.:@|-}. */
    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@|-]*");

    @Property(tries = 2000)
    void acceptsExactlyWhatTheRuleAllows(@ForAll("nearTokens") String value) {
        boolean allowed = !value.isBlank() && value.length() <= 64 && RULE.matcher(value).matches();
        Statistics.label("allowed").collect(allowed).coverage(coverage -> {
            coverage.check(true).percentage(percent -> percent > 10);
            coverage.check(false).percentage(percent -> percent > 10);
        });
        if (allowed) {
            assertThat(Require.token(value, "id", 64)).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> Require.token(value, "id", 64)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Strings mostly of allowed characters, with the neighbours of each range and some non-ASCII mixed in. */
    @Provide
    Arbitrary<String> nearTokens() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.chars().alpha().numeric().with('_', '.', ':', '@', '|', '-')),
                Tuple.of(1, Arbitraries.of('/', ' ', '\t', '`', '{', '[', '^', '\\', '+', '=', '?', '!', '#', '%',
                        '\'', '"', 'é', 'ß', '٣', '０', '\u0000')),
                Tuple.of(1, Arbitraries.chars()));
        return Arbitraries.frequencyOf(
                Tuple.of(8, chars.list().ofMinSize(1).ofMaxSize(70).map(RequireTokenProperties::join)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(5)));
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder text = new StringBuilder(chars.size());
        chars.forEach(text::append);
        return text.toString();
    }
}
