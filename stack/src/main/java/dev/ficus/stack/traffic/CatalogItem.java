package dev.ficus.stack.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One SKU the driver stocks before placing orders.
 *
 * @param addStock units the driver adds to whatever the SKU already has
 */
public record CatalogItem(String sku, String name, long priceCents, int addStock) {

	private static final String[] KINDS = { "Fig", "Pot", "Trowel", "Shears", "Watering can", "Seed tray",
			"Compost", "Gloves", "Label", "Twine" };

	/**
	 * A catalog of {@code count} SKUs with the same names every run, so repeated runs restock the same
	 * items. About one in ten gets only a few units, so some orders find them sold out.
	 */
	public static List<CatalogItem> plan(int count, Random random) {

		var items = new ArrayList<CatalogItem>(count);
		for (int index = 1; index <= count; index++) {
			String kind = KINDS[index % KINDS.length];
			boolean scarce = index % 10 == 0;
			items.add(new CatalogItem("FICUS-%04d".formatted(index), kind + " no. " + index,
					100 + random.nextInt(9_900), scarce ? 1 + random.nextInt(3) : 50 + random.nextInt(150)));
		}
		return items;
	}

	public boolean isScarce() {
		return addStock < 5;
	}
}
