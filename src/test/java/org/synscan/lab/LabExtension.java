package org.synscan.lab;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(LabExtension.class)} on an integration test class: brings the lab up before
 * the class (once per JVM) and takes it down when the whole test run ends, unless it was already up.
 * When the lab cannot be built here (not root, a tool missing) the class is skipped with the reason,
 * or fails when env CI is set. A lab that should build but does not is always a failure.
 */
public final class LabExtension implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> reason = Lab.unavailableReason();
        if (reason.isPresent() && !Lab.underCi()) {
            return ConditionEvaluationResult.disabled("lab unavailable: " + reason.get());
        }
        return ConditionEvaluationResult.enabled("lab can be built");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Lab.unavailableReason().ifPresent(reason -> Lab.require(false, reason)); // only CI gets here
        // the root store closes its resources once, after the last test class of the run
        context.getRoot().getStore(ExtensionContext.Namespace.create(LabExtension.class))
                .getOrComputeIfAbsent("lab-teardown", k -> (AutoCloseable) Lab::downIfOurs);
        Lab.up();
        Lab.assertNoDefaultRoute();
    }
}
