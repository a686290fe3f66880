package dev.payledger.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTest {
    @Test
    void extraFlagsFollowTheLaunchLine() {
        assertThat(ServiceProcess.launchFlags(List.of("-Xlog:gc")))
                .startsWith(ServiceProcess.JVM_FLAGS.toArray(String[]::new)).endsWith("-Xlog:gc");
    }

    @Test
    void aCollectorOfTheirOwnReplacesTheLaunchLinesCollectorAndItsYoungGeneration() {
        List<String> flags = ServiceProcess.launchFlags(List.of("-XX:+UseParallelGC", "-Xmx200m"));

        assertThat(flags).contains("-XX:+UseParallelGC", "-XX:MaxMetaspaceSize=128m").endsWith("-Xmx200m")
                .noneMatch(flag -> flag.startsWith("-Xmn") || flag.startsWith("-XX:SurvivorRatio"))
                .filteredOn(flag -> flag.matches("-XX:\\+Use\\w+GC")).containsExactly("-XX:+UseParallelGC");
    }
}
