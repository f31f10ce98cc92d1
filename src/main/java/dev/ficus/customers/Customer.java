package dev.ficus.customers;

import java.util.UUID;

/** Someone who may place orders. */
public record Customer(UUID id, String name, String email) {
}
