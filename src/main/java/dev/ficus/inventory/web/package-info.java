/**
 * HTTP API of the inventory module: the catalog, stocking it, and the stock invariants.
 */
@NullMarked
package dev.ficus.inventory.web;

import org.jspecify.annotations.NullMarked;
