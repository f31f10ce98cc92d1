/**
 * What every module's HTTP API shares: RFC 9457 problem details for requests that break the rules.
 */
@NullMarked
package dev.ficus.platform.web;

import org.jspecify.annotations.NullMarked;
