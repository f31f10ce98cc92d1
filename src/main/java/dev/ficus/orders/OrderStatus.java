package dev.ficus.orders;

/** Where an order stands for the customer. */
public enum OrderStatus {

	/** Its placement saga is still running or compensating. */
	PENDING,

	/** Stock reserved and shipped, payment taken, shipment booked, customer told. */
	COMPLETED,

	/** A step failed; whatever the saga had done is undone. */
	REJECTED
}
