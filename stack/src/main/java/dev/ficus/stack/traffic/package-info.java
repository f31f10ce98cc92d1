@NullMarked
package dev.ficus.stack.traffic;

import org.jspecify.annotations.NullMarked;
