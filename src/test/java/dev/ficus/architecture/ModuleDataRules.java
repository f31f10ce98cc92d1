package dev.ficus.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.transaction.annotation.Transactional;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * Rules that keep each module inside its own data, checked in the build. PostgreSQL enforces the same
 * at run time (each module transaction runs under the module's role); these rules catch a mistake
 * before it reaches a database.
 */
final class ModuleDataRules {

	/** Modules whose code may use the application's own (primary) transaction manager. */
	private static final Set<String> INFRASTRUCTURE = Set.of("platform", "messaging");

	private static final Pattern SCHEMA_QUALIFIED_TABLE = Pattern
			.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_]+)\\.[a-z_]+");

	private ModuleDataRules() {
	}

	/**
	 * A module's transactions run under its own role: {@code @Transactional} in module {@code x} names
	 * {@code xTransactions}.
	 */
	static ArchRule transactionsUseTheirOwnModulesRole(String rootPackage) {
		return ArchRuleDefinition.members()
				.that()
				.areAnnotatedWith(Transactional.class)
				.should(nameTheManagerOfTheirModule(rootPackage))
				.allowEmptyShould(true);
	}

	/**
	 * SQL in a module's sources names only the module's own schema. Returns one line per violation.
	 */
	static List<String> crossSchemaSqlIn(Path moduleSources, String module) {

		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(moduleSources)) {
			files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
				Matcher matcher = SCHEMA_QUALIFIED_TABLE.matcher(read(file));
				while (matcher.find()) {
					if (!matcher.group(1).equals(module)) {
						violations.add(file + ": '" + matcher.group() + "' reaches outside schema " + module);
					}
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return violations;
	}

	private static ArchCondition<JavaMember> nameTheManagerOfTheirModule(String rootPackage) {
		return new ArchCondition<>("name the transaction manager of their own module") {

			@Override
			public void check(JavaMember member, ConditionEvents events) {

				Optional<String> module = moduleOf(member.getOwner(), rootPackage);
				if (module.isEmpty() || INFRASTRUCTURE.contains(module.get())) {
					return;
				}

				String expected = module.get() + "Transactions";
				Transactional transactional = member.getAnnotationOfType(Transactional.class);
				// value and transactionManager are aliases; the annotation read here does not resolve them.
				String named = transactional.value().isEmpty() ? transactional.transactionManager() : transactional.value();
				if (!expected.equals(named)) {
					events.add(SimpleConditionEvent.violated(member, "%s uses transaction manager '%s', not '%s'"
							.formatted(member.getFullName(), named, expected)));
				}
			}
		};
	}

	private static Optional<String> moduleOf(JavaClass type, String rootPackage) {

		String packageName = type.getPackageName();
		if (!packageName.startsWith(rootPackage + ".")) {
			return Optional.empty();
		}
		return Optional.of(packageName.substring(rootPackage.length() + 1).split("\\.")[0]);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
