package dev.ficus.inventory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.inventory.CommitReservation;
import dev.ficus.inventory.InventoryReleased;
import dev.ficus.inventory.InventoryReservationFailed;
import dev.ficus.inventory.InventoryReserved;
import dev.ficus.inventory.InventoryReserved.ReservedLine;
import dev.ficus.inventory.Item;
import dev.ficus.inventory.ReleaseInventory;
import dev.ficus.inventory.ReservationCommitted;
import dev.ficus.inventory.ReserveInventory;
import dev.ficus.inventory.internal.Reservations.Reservation;
import dev.ficus.inventory.internal.Reservations.Status;
import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import dev.ficus.messaging.Outbox;

/**
 * Handles the commands on {@code inventory-commands}. Each is idempotent per order: the reservation row
 * of the order records what happened, and a repeated command repeats its reply without moving stock.
 */
@Component
public class InventoryCommands {

	private static final Logger log = LoggerFactory.getLogger(InventoryCommands.class);

	private final Items items;

	private final Reservations reservations;

	private final Outbox outbox;

	InventoryCommands(Items items, Reservations reservations, Outbox outbox) {
		this.items = items;
		this.reservations = reservations;
		this.outbox = outbox;
	}

	@MessageHandler(channel = "inventory-commands")
	@Transactional("inventoryTransactions")
	public void on(ReserveInventory command, IncomingMessage message) {

		String orderId = command.orderId();
		var earlier = reservations.lock(orderId);
		if (earlier.isPresent()) {
			log.info("Order {} asked again to reserve (message {}); repeating the outcome {}", orderId,
					message.messageId(), earlier.get().status());
			reply(message, orderId, outcomeOf(earlier.get()));
			return;
		}

		Map<String, Integer> wanted = new TreeMap<>();
		command.lines().forEach(line -> wanted.merge(line.sku(), line.quantity(), Integer::sum));
		Map<String, Item> stock = items.lockAll(wanted.keySet());

		String shortage = shortage(wanted, stock);
		if (shortage != null) {
			reservations.insert(orderId, Status.REJECTED, shortage, 0, List.of());
			log.info("Order {} gets no stock: {}", orderId, shortage);
			reply(message, orderId, new InventoryReservationFailed(orderId, shortage));
			return;
		}

		List<ReservedLine> lines = new ArrayList<>();
		long totalCents = 0;
		for (var entry : wanted.entrySet()) {
			Item item = stock.get(entry.getKey());
			int quantity = entry.getValue();
			items.move(item.sku(), -quantity, quantity, 0);
			lines.add(new ReservedLine(item.sku(), quantity, item.priceCents()));
			totalCents = Math.addExact(totalCents, Math.multiplyExact(item.priceCents(), (long) quantity));
		}
		reservations.insert(orderId, Status.RESERVED, null, totalCents, lines);

		log.info("Order {} holds {} SKU(s) worth {} cents", orderId, lines.size(), totalCents);
		reply(message, orderId, new InventoryReserved(orderId, lines, totalCents));
	}

	@MessageHandler(channel = "inventory-commands")
	@Transactional("inventoryTransactions")
	public void on(ReleaseInventory command, IncomingMessage message) {

		String orderId = command.orderId();
		var reservation = reservations.lock(orderId);

		if (reservation.isEmpty()) {
			// A release can overtake a reservation whose reply timed out; this marker makes that late
			// reservation fail instead of holding stock that no saga will ever release.
			reservations.insert(orderId, Status.REJECTED, "Released before any stock was reserved", 0, List.of());
			log.info("Order {} released before it reserved anything; later reservations will fail", orderId);
		}
		else if (reservation.get().status() == Status.RESERVED) {
			reservation.get().lines().forEach(line -> items.move(line.sku(), line.quantity(), -line.quantity(), 0));
			reservations.changeStatus(orderId, Status.RELEASED);
			log.info("Order {} released its stock back to the shelf", orderId);
		}
		else if (reservation.get().status() == Status.COMMITTED) {
			log.error("Order {} asked to release stock that has already shipped; nothing changes", orderId);
		}

		reply(message, orderId, new InventoryReleased(orderId));
	}

	@MessageHandler(channel = "inventory-commands")
	@Transactional("inventoryTransactions")
	public void on(CommitReservation command, IncomingMessage message) {

		String orderId = command.orderId();
		var reservation = reservations.lock(orderId);

		if (reservation.isPresent() && reservation.get().status() == Status.RESERVED) {
			reservation.get().lines().forEach(line -> items.move(line.sku(), 0, -line.quantity(), line.quantity()));
			reservations.changeStatus(orderId, Status.COMMITTED);
			log.info("Order {} shipped its reserved stock", orderId);
		}
		else if (reservation.isEmpty() || reservation.get().status() != Status.COMMITTED) {
			log.error("Order {} asked to commit a reservation that is {}; nothing changes", orderId,
					reservation.map(Reservation::status).map(Status::name).orElse("missing"));
		}

		reply(message, orderId, new ReservationCommitted(orderId));
	}

	private static @Nullable String shortage(Map<String, Integer> wanted, Map<String, Item> stock) {

		for (var entry : wanted.entrySet()) {
			Item item = stock.get(entry.getKey());
			if (entry.getValue() < 1) {
				return "Quantity of " + entry.getKey() + " must be at least 1, was " + entry.getValue();
			}
			if (item == null) {
				return "Unknown SKU " + entry.getKey();
			}
			if (item.onHand() < entry.getValue()) {
				return "Out of stock: " + entry.getKey() + " (wanted " + entry.getValue() + ", on hand "
						+ item.onHand() + ")";
			}
		}
		return null;
	}

	private static Object outcomeOf(Reservation reservation) {
		return reservation.status() == Status.REJECTED
				? new InventoryReservationFailed(reservation.orderId(), String.valueOf(reservation.reason()))
				: new InventoryReserved(reservation.orderId(), reservation.lines(), reservation.totalCents());
	}

	private void reply(IncomingMessage message, String orderId, Object reply) {

		if (message.replyTo() == null) {
			log.warn("Message {} about order {} names no reply channel; {} is not sent", message.messageId(),
					orderId, reply.getClass().getSimpleName());
			return;
		}
		outbox.send(message.replyTo(), orderId, reply, null);
	}
}
