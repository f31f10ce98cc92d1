package dev.ficus.shipping.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * Settings of the shipping module.
 *
 * @param failureRate the share of shipments the carrier refuses, from 0 (none, the default) to 1 (all);
 *     for demos and fault tests of the saga's compensations
 */
@Validated
@ConfigurationProperties("ficus.shipping")
public record ShippingProperties(@DecimalMin("0.0") @DecimalMax("1.0") double failureRate) {
}
