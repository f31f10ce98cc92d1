/**
 * Edge hygiene that applies to every request: request ids, request size limit, CORS, and stripping of
 * hop-by-hop and internal headers in both directions.
 */
@NullMarked
package dev.ficus.gateway.edge;

import org.jspecify.annotations.NullMarked;
