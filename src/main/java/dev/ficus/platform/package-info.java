/**
 * Infrastructure every module stands on: the database (embedded PostgreSQL for laptops and tests, the
 * standard Spring settings for anything else), one schema and one database role per module, and the
 * transaction managers that switch to a module's role so PostgreSQL itself keeps modules out of each
 * other's tables.
 */
@NullMarked
@ApplicationModule(displayName = "Platform", type = ApplicationModule.Type.OPEN)
package dev.ficus.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
