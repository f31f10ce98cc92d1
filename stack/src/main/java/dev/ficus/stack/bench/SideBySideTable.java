package dev.ficus.stack.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One measure's figures with its variants as columns, rendered as a Markdown table whose columns line
 * up on the console too, so the output can be pasted into the docs as it is. The first column names the
 * figure and is left-aligned; the figures are right-aligned.
 */
final class SideBySideTable {

	private final String title;

	private final List<String> columns;

	private final List<List<String>> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	SideBySideTable(String title, String... columns) {

		if (columns.length < 2) {
			throw new IllegalArgumentException("A table needs a figure column and at least one variant");
		}
		this.title = title;
		this.columns = List.of(columns);
	}

	SideBySideTable row(String... cells) {

		if (cells.length != columns.size()) {
			throw new IllegalArgumentException("Row " + List.of(cells) + " has " + cells.length + " cells; the table has "
					+ columns.size() + " columns");
		}
		rows.add(List.of(cells));
		return this;
	}

	/** A line printed under the table, e.g. how a ratio is meant. */
	SideBySideTable note(String note) {
		notes.add(note);
		return this;
	}

	String render() {

		int[] widths = new int[columns.size()];
		for (int column = 0; column < widths.length; column++) {
			widths[column] = Math.max(3, columns.get(column).length());
			for (List<String> row : rows) {
				widths[column] = Math.max(widths[column], row.get(column).length());
			}
		}

		var text = new StringBuilder();
		text.append(title).append("\n\n");
		text.append(line(columns, widths));
		var rule = new StringBuilder("|");
		for (int column = 0; column < widths.length; column++) {
			// Markdown's alignment marks: the figure names left, the numbers right.
			rule.append(column == 0 ? " :" + "-".repeat(widths[column] - 1) + " |"
					: " " + "-".repeat(widths[column] - 1) + ": |");
		}
		text.append(rule).append('\n');
		rows.forEach(row -> text.append(line(row, widths)));
		if (!notes.isEmpty()) {
			text.append('\n');
			notes.forEach(note -> text.append(note).append('\n'));
		}
		return text.toString();
	}

	private static String line(List<String> cells, int[] widths) {

		var line = new StringBuilder("|");
		for (int column = 0; column < widths.length; column++) {
			String cell = cells.get(column);
			String padding = " ".repeat(widths[column] - cell.length());
			line.append(' ').append(column == 0 ? cell + padding : padding + cell).append(" |");
		}
		return line.append('\n').toString();
	}

	/** Milliseconds with one decimal, from microseconds. */
	static String millis(long micros) {
		return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
	}

	/** A rate with one decimal. */
	static String perSecond(double rate, String unit) {
		return Double.isFinite(rate) ? String.format(Locale.ROOT, "%.1f %s/s", rate, unit) : "–";
	}

	static String seconds(double seconds) {
		return Double.isFinite(seconds) ? String.format(Locale.ROOT, "%.2f s", seconds) : "–";
	}

	/** Bytes in MiB with one decimal; a dash when unknown (negative). */
	static String mebibytes(long bytes) {
		return bytes < 0 ? "–" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
	}

	/**
	 * {@code variant ÷ baseline} with two decimals and a times sign; a dash when either is unknown or the
	 * baseline is zero, since no ratio is better than a made-up one.
	 */
	static String ratio(double variant, double baseline) {

		if (!Double.isFinite(variant) || !Double.isFinite(baseline) || baseline <= 0 || variant < 0) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.2f×", variant / baseline);
	}
}
