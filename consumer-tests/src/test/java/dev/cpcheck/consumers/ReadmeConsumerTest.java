package dev.cpcheck.consumers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's consumer is the one the matrix builds: its complete {@code pom.xml} is
 * {@code src/it/junit-6.0/pom.xml} (with this build's version for {@code @project.version@}) and
 * its test class is that consumer's {@code DefaultScenarioIT.java}, so neither can rot unnoticed.
 */
class ReadmeConsumerTest {
    static final String SECTION = "## Use as a library";
    static final Path README_CONSUMER = Path.of("src/it/junit-6.0");

    /** The body of the first fenced block of this language in the README's library section whose text starts so. */
    static String readmeBlock(String language, String startingWith) {
        String readme = Repository.read(Repository.root().resolve("README.md"));
        int section = readme.indexOf("\n" + SECTION + "\n");
        assertThat(section).as("README section '%s'", SECTION).isNotNegative();
        int end = readme.indexOf("\n## ", section + 1);
        String body = readme.substring(section, end < 0 ? readme.length() : end);
        String fence = "```" + language + "\n";
        for (int at = body.indexOf(fence); at >= 0; at = body.indexOf(fence, at + 1)) {
            int start = at + fence.length();
            String block = body.substring(start, body.indexOf("\n```", start) + 1);
            if (block.startsWith(startingWith)) {
                return block;
            }
        }
        throw new AssertionError("no ```" + language + " block starting with '" + startingWith + "' under " + SECTION);
    }

    static Path consumerFile(String relative) {
        return Repository.root()
                .resolve("consumer-tests")
                .resolve(README_CONSUMER)
                .resolve(relative);
    }

    @Test
    void theReadmeShowsTheCompletePomOfTheConsumerTheMatrixBuilds() {
        String version = System.getProperty("project.version");
        assertThat(version).as("project.version (set by the build)").isNotBlank();
        String pom = Repository.read(consumerFile("pom.xml"));
        assertThat(pom).contains("<version>@project.version@</version>");

        assertThat(readmeBlock("xml", "<?xml"))
                .as("the complete pom.xml in README.md")
                .isEqualTo(pom.replace("@project.version@", version));
    }

    @Test
    void theReadmeShowsTheTestClassTheMatrixRuns() {
        assertThat(readmeBlock("java", "import"))
                .as("the first test class in README.md")
                .isEqualTo(Repository.read(consumerFile("src/test/java/DefaultScenarioIT.java")));
    }
}
