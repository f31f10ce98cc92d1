package dev.ficus.platform.idempotency;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ficus.platform.database.ModuleSchema;

/**
 * Which module owns a path, and so which schema holds the path's idempotency keys: the longest matching
 * prefix wins, so {@code /admin/payments/...} belongs to payments and the rest of {@code /admin} to
 * messaging. A path no module owns has no idempotency handling at all.
 */
final class OwningModules {

	private static final Map<String, ModuleSchema> PREFIXES = Map.ofEntries(
			Map.entry("/orders", ModuleSchema.ORDERS),
			Map.entry("/customers", ModuleSchema.CUSTOMERS),
			Map.entry("/inventory", ModuleSchema.INVENTORY),
			Map.entry("/payments", ModuleSchema.PAYMENTS),
			Map.entry("/admin/payments", ModuleSchema.PAYMENTS),
			Map.entry("/shipping", ModuleSchema.SHIPPING),
			Map.entry("/notifications", ModuleSchema.NOTIFICATIONS),
			Map.entry("/messaging", ModuleSchema.MESSAGING),
			Map.entry("/outbox", ModuleSchema.MESSAGING),
			Map.entry("/admin", ModuleSchema.MESSAGING));

	private static final List<String> LONGEST_FIRST = PREFIXES.keySet().stream()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();

	private OwningModules() {
	}

	static Optional<ModuleSchema> of(String path) {

		return LONGEST_FIRST.stream()
				.filter(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))
				.findFirst()
				.map(PREFIXES::get);
	}
}
