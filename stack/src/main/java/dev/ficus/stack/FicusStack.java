package dev.ficus.stack;

import dev.ficus.stack.bench.BenchCommand;
import dev.ficus.stack.faults.FaultsCommand;
import dev.ficus.stack.infra.InfrastructureCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code ficus-stack.jar}: {@code run} starts the local stack and drives orders through
 * it; {@code faults} does the same under one kind of fault at a time; {@code bench} measures the stack's
 * speed and memory side by side; {@code infrastructure} is the shared-infrastructure process they start.
 */
@Command(name = "ficus-stack", mixinStandardHelpOptions = true,
		subcommands = { RunCommand.class, FaultsCommand.class, BenchCommand.class, InfrastructureCommand.class },
		description = "The Ficus local stack: every service on loopback, real traffic, invariant checks.")
public final class FicusStack {

	public static void main(String[] args) {
		System.exit(execute(args));
	}

	/** Runs a command line and returns its exit code: 0 when every check passed. */
	public static int execute(String... args) {
		return new CommandLine(new FicusStack()).execute(args);
	}
}
