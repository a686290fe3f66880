package dev.payledger.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the documentation honest: relative links resolve, and the embedding guide's code is the tested code. */
class DocsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyRelativeLinkInTheReadmeAndDocsPointsAtAFileThatExists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : markdownPages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue;
                }
                Path resolved = page.getParent().resolve(target.replaceAll("#.*$", "")).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theEmbeddingGuidesCodeIsCopiedFromTheTestedExample() throws IOException {
        String example = squash(Files.readString(ROOT.resolve(
                "examples/src/test/java/dev/payledger/examples/EmbeddingExampleTest.java")));
        Matcher block = JAVA_BLOCK.matcher(Files.readString(ROOT.resolve("docs/embedding.md")));
        int blocks = 0;
        while (block.find()) {
            blocks++;
            assertThat(example).as("docs/embedding.md block %d is in EmbeddingExampleTest", blocks)
                    .contains(squash(block.group(1)));
        }
        assertThat(blocks).isGreaterThanOrEqualTo(4);
    }

    private static String squash(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }

    private static List<Path> markdownPages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(pages::add);
        }
        return pages;
    }
}
