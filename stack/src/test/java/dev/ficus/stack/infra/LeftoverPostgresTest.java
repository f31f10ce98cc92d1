package dev.ficus.stack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

class LeftoverPostgresTest {

	@TempDir
	Path data;

	@Test
	void stopsAPostgresLeftRunningOnTheDataDirectory() throws IOException {

		EmbeddedPostgres orphan = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.start();
		ProcessHandle server = LeftoverPostgres.find(data).orElseThrow();

		boolean stopped = LeftoverPostgres.stop(data, Duration.ofSeconds(10));

		assertThat(stopped).isTrue();
		assertThat(server.isAlive()).isFalse();
		assertThat(LeftoverPostgres.find(data)).isEmpty();
		closeQuietly(orphan);
	}

	@Test
	void leavesAProcessAloneThatIsNotPostgresEvenIfThePidFileNamesIt() throws IOException {

		// A reused process id: the file is stale and names some other program now.
		Process other = new ProcessBuilder("sleep", "60").start();
		try {
			Files.writeString(data.resolve("postmaster.pid"), other.pid() + "\n" + data + "\n");

			assertThat(LeftoverPostgres.stop(data, Duration.ofSeconds(1))).isFalse();
			assertThat(other.isAlive()).isTrue();
		}
		finally {
			other.destroyForcibly();
		}
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException | RuntimeException alreadyStopped) {
			// The test stopped the server behind zonky's back, so pg_ctl may find nothing to stop.
		}
	}
}
