package example.violations;

import org.springframework.modulith.Modulithic;

/**
 * A deliberately broken application used to prove that the module rules fire: {@code shop} uses a
 * class from {@code billing.internal}.
 */
@Modulithic
public class ViolatingApplication {
}
