package org.intersession.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** Installs {@link ApiContract} before every {@code @QuarkusTest}, in the class loader the test's REST Assured lives in. */
public class ApiContractCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        ApiContract.install();
    }
}
