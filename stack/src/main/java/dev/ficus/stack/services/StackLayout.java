package dev.ficus.stack.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where things are in a Ficus checkout: the built jars of each project, and {@code var/stack} for the
 * stack's PostgreSQL data, the child processes' logs and the last run's summary.
 *
 * @param home the repository root (the folder holding the {@code ficus} script)
 * @param stateDirectory PostgreSQL data, logs and the last summary; {@code var/stack} by default
 */
public record StackLayout(Path home, Path stateDirectory) {

	/**
	 * The layout of the checkout that holds {@code start} (the nearest folder upwards with the
	 * {@code ficus} script).
	 *
	 * @param stateDirectory where the stack keeps its state, or {@code null} for {@code var/stack}
	 */
	public static StackLayout find(Path start, @Nullable Path stateDirectory) {

		Path absolute = start.toAbsolutePath().normalize();
		Path home = absolute;
		for (Path candidate = absolute; candidate != null; candidate = candidate.getParent()) {
			if (Files.isRegularFile(candidate.resolve("ficus")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
				home = candidate;
				break;
			}
		}
		return new StackLayout(home, stateDirectory != null ? stateDirectory.toAbsolutePath().normalize()
				: home.resolve("var/stack"));
	}

	public Path postgresData() {
		return stateDirectory().resolve("postgres");
	}

	public Path logs() {
		return stateDirectory().resolve("logs");
	}

	public Path lastRun() {
		return stateDirectory().resolve("last-run.json");
	}

	public Path monolithJar() {
		return home.resolve("target/ficus-monolith-0.1.0-SNAPSHOT.jar");
	}

	public Optional<Path> gatewayJar() {
		return newest(home.resolve("gateway/target"), "ficus-gateway-*.jar");
	}

	public Path gatewayRoutes() {
		return home.resolve("gateway/routes.yaml");
	}

	private static Optional<Path> newest(Path directory, String glob) {

		if (!Files.isDirectory(directory)) {
			return Optional.empty();
		}
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, glob)) {
			Path found = null;
			for (Path jar : jars) {
				boolean newer = found == null
						|| Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(found)) > 0;
				if (newer) {
					found = jar;
				}
			}
			return Optional.ofNullable(found);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
