/**
 * HTTP API of the customers module: register a customer, look one up.
 */
@NullMarked
package dev.ficus.customers.web;

import org.jspecify.annotations.NullMarked;
