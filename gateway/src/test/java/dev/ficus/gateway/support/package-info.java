/**
 * Test fixtures: a real PostgreSQL shared by the test JVM (one database per gateway context), real HTTP backends
 * on loopback that record what reaches them, and helpers to start gateways and obtain tokens.
 */
@NullMarked
package dev.ficus.gateway.support;

import org.jspecify.annotations.NullMarked;
