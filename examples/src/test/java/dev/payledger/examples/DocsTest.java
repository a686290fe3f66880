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
    void everyJavaSnippetInTheDocsIsCopiedFromCodeTheBuildRuns() throws IOException {
        StringBuilder tested = new StringBuilder();
        try (Stream<Path> sources = Files.walk(ROOT.resolve("examples/src/test/java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                tested.append(squash(Files.readString(source))).append('\n');
            }
        }
        int blocks = 0;
        List<String> untested = new ArrayList<>();
        for (Path page : markdownPages()) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(page));
            while (block.find()) {
                blocks++;
                if (!tested.toString().contains(squash(block.group(1)))) {
                    untested.add(ROOT.relativize(page) + ": " + block.group(1).lines().findFirst().orElse(""));
                }
            }
        }
        assertThat(untested).as("Java blocks not copied from examples/src/test/java").isEmpty();
        assertThat(blocks).isGreaterThanOrEqualTo(10);
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
