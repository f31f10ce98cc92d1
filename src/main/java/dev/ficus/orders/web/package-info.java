/**
 * HTTP API of the orders module: place an order, read it with its saga, list and count orders.
 */
@NullMarked
package dev.ficus.orders.web;

import org.jspecify.annotations.NullMarked;
