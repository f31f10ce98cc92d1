@NullMarked
package dev.ficus.stack.services;

import org.jspecify.annotations.NullMarked;
